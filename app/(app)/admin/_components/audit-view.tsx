"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { Pager } from "@/components/ui/pager";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { isId } from "@/lib/ids/is-id";
import type { AdminAuditEntry } from "@/lib/services/admin/schemas";
import { AuditTable } from "./audit-table";
import { ACTION, isActor, useAuditUrl, type AuditFilters } from "./use-audit-url";

const PAGE_SIZE = 25;

/** The actions the product records, offered as suggestions (any well-formed action may be typed). */
const KNOWN_ACTIONS = [
  "company.tier_changed",
  "company.limits_overridden",
  "company.suspended",
  "company.reactivated",
  "company.suspension_reason_changed",
  "company.ownership_transferred",
  "api_key.created",
  "api_key.rotated",
  "api_key.revoked",
  "member.invited",
  "member.role_changed",
  "member.removed",
  "settings.company_updated",
  "settings.integration_updated",
];

const formSchema = z.object({
  companyId: z
    .string()
    .trim()
    .refine((v) => v === "" || isId(v, "company"), "A company id (co_…)"),
  actor: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v === "" || isActor(v), "An email, or a user or API key id"),
  action: z
    .string()
    .trim()
    .refine((v) => v === "" || ACTION.test(v), "An action such as company.tier_changed"),
});

const blank = (f: AuditFilters) => ({ companyId: f.companyId ?? "", actor: f.actor ?? "", action: f.action ?? "" });

/** /admin/audit: filters (company, actor, action) applied together, the log newest first, Previous/Next; all in the URL. */
export function AuditView() {
  const url = useAuditUrl();
  const { companyId, actor, action } = url.filters;
  const form = useZodForm(formSchema, { defaultValues: blank(url.filters), values: blank(url.filters) });
  const list = useQuery({
    queryKey: ["admin", "audit", companyId, actor, action, url.cursor] as const,
    queryFn: ({ signal }) =>
      apiFetchEnvelope<AdminAuditEntry[], { nextCursor: string | null }>("/api/v1/admin/audit-log", {
        signal,
        query: { companyId, actor, action, cursor: url.cursor, limit: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
  const ready = list.isSuccess && !list.isPlaceholderData;
  const errors = form.formState.errors;
  const clear = () => url.apply({ companyId: null, actor: null, action: null });

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Every audited action on the platform, newest first: tiers, limits, suspensions, keys, members and settings.
      </p>
      <Card padded>
        <form
          noValidate
          className="grid gap-3 sm:grid-cols-3 lg:grid-cols-[1fr_1fr_1fr_auto] lg:items-end"
          onSubmit={form.handleSubmit((v) =>
            url.apply({ companyId: v.companyId || null, actor: v.actor || null, action: v.action || null }),
          )}
        >
          <Field label="Company id" error={errors.companyId?.message}>
            <input
              className={inputClass}
              autoComplete="off"
              placeholder="co_…"
              data-testid="audit-company"
              {...form.register("companyId")}
            />
          </Field>
          <Field label="By (email or id)" error={errors.actor?.message}>
            <input
              className={inputClass}
              autoComplete="off"
              placeholder="root@switchboard.test"
              data-testid="audit-actor"
              {...form.register("actor")}
            />
          </Field>
          <Field label="Action" error={errors.action?.message}>
            <input
              className={inputClass}
              autoComplete="off"
              list="audit-actions"
              placeholder="company.tier_changed"
              data-testid="audit-action"
              {...form.register("action")}
            />
          </Field>
          <datalist id="audit-actions">
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <div className="flex gap-2 sm:col-span-3 lg:col-span-1">
            <Button type="submit" variant="primary" data-testid="audit-apply">
              Filter
            </Button>
            <Button onClick={clear} disabled={!url.filtered}>
              Clear
            </Button>
          </div>
        </form>
      </Card>
      <Card
        padded={false}
        aria-label="Audit log"
        data-testid="audit-list"
        data-state={ready ? "ready" : list.isError ? "error" : "loading"}
        aria-busy={!ready}
      >
        {list.isError ? (
          <div className="p-4">
            <LoadError error={list.error} subject="The audit log" onRetry={() => void list.refetch()} hasData={list.data !== undefined} />
          </div>
        ) : null}
        {list.data ? (
          <div className={ready ? undefined : "opacity-60 transition-opacity"}>
            <AuditTable
              entries={list.data.data}
              empty={
                <div className="p-4" data-testid="audit-empty">
                  {url.filtered ? (
                    <EmptyState
                      title="Nothing matches these filters"
                      description="Check the company id, the email or the action name."
                      action={<Button onClick={clear}>Clear filters</Button>}
                    />
                  ) : (
                    <EmptyState
                      title="Nothing audited yet"
                      description="Changes to tiers, limits, keys, members and settings appear here."
                    />
                  )}
                </div>
              }
            />
            <Pager
              page={url.page}
              hasPrevious={url.cursor !== null}
              nextCursor={list.data.meta?.nextCursor ?? null}
              onPrevious={url.previousPage}
              onNext={url.nextPage}
              busy={!ready}
            />
          </div>
        ) : list.isPending ? (
          <LoadingSkeleton label="Loading the audit log…" count={8} className="p-4" />
        ) : null}
      </Card>
    </div>
  );
}
