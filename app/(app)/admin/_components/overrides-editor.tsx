"use client";

import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useWatch } from "react-hook-form";
import { apiFetch } from "@/components/data/api-fetch";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { notify } from "@/components/ui/notify";
import type { Tier } from "@/lib/db/schema/companies";
import { listEffectiveLimits } from "@/lib/services/admin/list-effective-limits";
import type { AdminCompany, AdminCompanyDetail, CompanyPreview, EffectiveLimit, LimitOverridesInput } from "@/lib/services/admin/schemas";
import { formatCount, LAYER_LABELS, limitLabel, TIER_LIST } from "./admin-labels";
import { PreviewResult } from "./preview-result";

const MAX = 100_000_000;
const limitValue = z
  .string()
  .trim()
  .refine((v) => v === "" || (/^\d{1,9}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX), "A whole number from 1 to 100,000,000, or empty");

const formSchema = z.object({
  tier: z.enum(TIER_LIST as [Tier, ...Tier[]]),
  limits: z.record(z.string(), z.record(z.string(), limitValue)),
  note: z.string().trim().max(500, "At most 500 characters"),
});
type FormValues = z.input<typeof formSchema>;
type Proposal = { tier: Tier; overrides: LimitOverridesInput | null };

const LAYERS = Object.keys(LAYER_LABELS) as Array<EffectiveLimit["layer"]>;

function defaults(company: AdminCompanyDetail): FormValues {
  const limits: FormValues["limits"] = {};
  for (const l of company.limits) {
    const v = company.limitOverrides?.[l.layer]?.[l.key];
    (limits[l.layer] ??= {})[l.key] = typeof v === "number" ? String(v) : "";
  }
  return { tier: company.tier, limits, note: "" };
}

/** The filled-in fields as the API's override set (null when none): what the preview and the PATCH send. */
function toProposal(v: FormValues): Proposal {
  const overrides: Record<string, Record<string, number>> = {};
  for (const [layer, values] of Object.entries(v.limits)) {
    for (const [key, raw] of Object.entries(values)) {
      const n = raw.trim();
      if (/^\d+$/.test(n) && Number(n) >= 1 && Number(n) <= MAX) (overrides[layer] ??= {})[key] = Number(n);
    }
  }
  return { tier: v.tier, overrides: Object.keys(overrides).length ? (overrides as LimitOverridesInput) : null };
}

/**
 * Tier and limit overrides (react-hook-form + zod). An empty field follows the tier. "Preview" asks
 * the API what the change would do (each limit before → after, last hour's refusals per layer);
 * "Apply" is offered only for the values that were previewed, so nothing is saved unseen.
 */
export function OverridesEditor({ company, onChanged }: { company: AdminCompanyDetail; onChanged: () => Promise<unknown> }) {
  const initial = useMemo(() => defaults(company), [company]);
  const form = useZodForm(formSchema, { defaultValues: initial, values: initial, resetOptions: { keepDirtyValues: false } });
  const watched = useWatch({ control: form.control }) as FormValues;
  const current = toProposal({ ...initial, ...watched, limits: watched.limits ?? initial.limits });
  const currentKey = JSON.stringify(current);
  const tierValues = useMemo(() => listEffectiveLimits(current.tier, null), [current.tier]);
  const [previewed, setPreviewed] = useState<{ key: string; result: CompanyPreview } | null>(null);

  const preview = useMutation({
    mutationFn: (p: Proposal) => apiFetch<CompanyPreview>(`/api/v1/admin/companies/${company.id}/preview`, { method: "POST", json: p }),
    onSuccess: (result, p) => setPreviewed({ key: JSON.stringify(p), result }),
    onError: (err) => notify.error(err, "The preview"),
  });
  const apply = useMutation({
    mutationFn: ({ p, note }: { p: Proposal; note: string }) =>
      apiFetch<AdminCompany>(`/api/v1/admin/companies/${company.id}`, {
        method: "PATCH",
        json: { tier: p.tier, limitOverrides: p.overrides, ...(note ? { note } : {}) },
      }),
    onSuccess: async (c) => {
      setPreviewed(null);
      await onChanged();
      notify.success(`New limits for ${c.name} apply from its next request`);
    },
    onError: (err) => notify.error(err, "Saving the limits"),
  });

  const fresh = previewed !== null && previewed.key === currentKey;
  const changes = fresh
    ? previewed.result.tier.before !== previewed.result.tier.after || previewed.result.limits.some((l) => l.before !== l.after)
    : false;
  const errors = form.formState.errors;

  return (
    <Card
      title="Change tier and limits"
      description="Leave a limit empty to follow the tier. Preview first: it shows what would change and what last hour would have looked like."
      data-testid="overrides-editor"
    >
      <form
        noValidate
        className="space-y-4"
        onSubmit={form.handleSubmit((v) => preview.mutate(toProposal(v)))}
        aria-describedby="overrides-help"
      >
        <p id="overrides-help" className="sr-only">
          Each field overrides one limit of the policy table; the placeholder is what the chosen tier gives.
        </p>
        <Field label="Tier" error={errors.tier?.message}>
          <select className={inputClass} data-testid="override-tier" {...form.register("tier")}>
            {TIER_LIST.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </Field>
        {LAYERS.map((layer) => (
          <fieldset key={layer} className="space-y-2">
            <legend className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{LAYER_LABELS[layer].title}</legend>
            <div className="grid grid-cols-2 gap-3">
              {tierValues
                .filter((l) => l.layer === layer)
                .map((l) => (
                  <Field
                    key={l.key}
                    label={
                      layer === "company" || layer === "user" ? `${LAYER_LABELS[layer].title}: requests per hour` : limitLabel(layer, l.key)
                    }
                    error={errors.limits?.[layer]?.[l.key]?.message}
                  >
                    <input
                      className={inputClass}
                      inputMode="numeric"
                      autoComplete="off"
                      placeholder={`${formatCount(l.value)} (tier)`}
                      data-testid={`override-${layer}-${l.key}`}
                      {...form.register(`limits.${layer}.${l.key}`)}
                    />
                  </Field>
                ))}
            </div>
          </fieldset>
        ))}
        <Field label="Note for the audit log (optional)" error={errors.note?.message}>
          <input className={inputClass} maxLength={500} autoComplete="off" data-testid="override-note" {...form.register("note")} />
        </Field>
        <div className="flex flex-wrap items-center justify-end gap-2">
          <Button onClick={() => form.reset(initial)} disabled={preview.isPending || apply.isPending}>
            Reset
          </Button>
          <Button type="submit" loading={preview.isPending} data-testid="preview-change">
            Preview
          </Button>
          <Button
            variant="primary"
            disabled={!fresh || !changes}
            loading={apply.isPending}
            onClick={() => fresh && apply.mutate({ p: current, note: form.getValues("note").trim() })}
            data-testid="apply-change"
          >
            Apply
          </Button>
        </div>
        {previewed && !fresh ? (
          <p role="status" className="text-sm text-amber-800" data-testid="preview-stale">
            The values changed since the preview. Preview again to apply them.
          </p>
        ) : null}
        {fresh && !changes ? (
          <p role="status" className="text-sm text-slate-600">
            Nothing would change: these are the company&apos;s limits now.
          </p>
        ) : null}
      </form>
      {previewed ? <PreviewResult preview={previewed.result} stale={!fresh} /> : null}
    </Card>
  );
}
