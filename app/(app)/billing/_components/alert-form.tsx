"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { apiFetch } from "@/components/data/api-fetch";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { z } from "zod";
import { notify } from "@/components/ui/notify";

const schema = z.object({
  enabled: z.boolean(),
  percent: z.coerce.number().int("A whole number.").min(1, "At least 1 %.").max(100, "At most 100 %."),
});

/** The owner's usage alert: one email an hour when this hour's requests reach the chosen % of the company limit. */
export function AlertForm({ percent, companyPerHour }: { percent: number | null; companyPerHour: number }) {
  const form = useZodForm(schema, { defaultValues: { enabled: percent !== null, percent: percent ?? 80 } });
  const enabled = form.watch("enabled");
  const submit = form.handleSubmit(async (v) => {
    try {
      const saved = await apiFetch<{ percent: number | null }>("/api/v1/billing/alert", {
        method: "PUT",
        json: { percent: v.enabled ? v.percent : null },
      });
      form.reset({ enabled: saved.percent !== null, percent: saved.percent ?? v.percent });
      notify.success(saved.percent === null ? "Usage alert turned off" : `We'll email you at ${saved.percent} % of the hourly limit`);
    } catch (err) {
      if (!applyApiErrors(err, form.setError, ["percent"])) notify.error(err, "Saving the alert");
    }
  });
  return (
    <Card
      title="Usage alert"
      description={`One email to the owners, at most once an hour, when this hour's requests reach a share of ${companyPerHour.toLocaleString("en-US")}.`}
    >
      <form onSubmit={submit} className="flex flex-wrap items-end gap-4" noValidate>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...form.register("enabled")} />
          Email me
        </label>
        <Field label="Threshold (% of the hourly limit)" error={form.formState.errors.percent?.message} className="w-56">
          <input
            type="number"
            min={1}
            max={100}
            inputMode="numeric"
            className={inputClass}
            disabled={!enabled}
            {...form.register("percent")}
          />
        </Field>
        <Button type="submit" variant="primary" disabled={form.formState.isSubmitting || !form.formState.isDirty}>
          {form.formState.isSubmitting ? "Saving…" : "Save alert"}
        </Button>
      </form>
    </Card>
  );
}
