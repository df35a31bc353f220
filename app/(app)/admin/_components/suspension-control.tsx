"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/data/api-fetch";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { notify } from "@/components/ui/notify";
import type { AdminCompany } from "@/lib/services/admin/schemas";

const formSchema = z.object({ reason: z.string().trim().min(1, "Say why").max(500, "At most 500 characters") });
type FormValues = z.input<typeof formSchema>;

/**
 * Suspend (the reason is what the company's people are shown, and is audited) or reactivate (the
 * reason goes into the audit row as its note), each confirmed in a Radix alert dialog. The gateway
 * applies it on the company's next request.
 */
export function SuspensionControl({ company, onChanged }: { company: AdminCompany; onChanged: () => Promise<unknown> }) {
  const suspended = company.status === "suspended";
  const [open, setOpen] = useState(false);
  const form = useZodForm(formSchema, { defaultValues: { reason: "" } });
  const change = useMutation({
    mutationFn: ({ reason }: z.output<typeof formSchema>) =>
      apiFetch<AdminCompany>(`/api/v1/admin/companies/${company.id}`, {
        method: "PATCH",
        json: suspended ? { status: "active", note: reason } : { status: "suspended", suspendedReason: reason },
      }),
    onSuccess: async (c) => {
      await onChanged();
      setOpen(false);
      form.reset();
      notify.success(c.status === "suspended" ? `${c.name} is suspended` : `${c.name} is active again`);
    },
    onError: (err) => {
      if (!applyApiErrors<FormValues>(err, form.setError, ["reason"])) notify.error(err, suspended ? "Reactivating" : "Suspending");
    },
  });
  const reason = form.watch("reason");

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        if (change.isPending) return;
        setOpen(o);
        if (!o) form.reset();
      }}
      trigger={
        <Button variant={suspended ? "primary" : "danger"} data-testid={suspended ? "reactivate-company" : "suspend-company"}>
          {suspended ? "Reactivate…" : "Suspend…"}
        </Button>
      }
      title={suspended ? `Reactivate ${company.name}?` : `Suspend ${company.name}?`}
      description={
        suspended
          ? "Its people and API keys get in again on their next request. The reason is kept in the audit log."
          : "Its people see a suspension notice instead of their data, and its API keys are refused (403), from their next request. They are shown the reason."
      }
      tone={suspended ? "primary" : "danger"}
      confirmLabel={suspended ? "Reactivate" : "Suspend company"}
      pending={change.isPending}
      confirmDisabled={!reason.trim()}
      onConfirm={() => void form.handleSubmit((v) => change.mutate(v))()}
    >
      <form onSubmit={form.handleSubmit((v) => change.mutate(v))} noValidate>
        <Field
          label={suspended ? "Why reactivate" : "Reason"}
          hint={suspended ? "For the audit log; the company does not see it." : "Shown to the company's people."}
          error={form.formState.errors.reason?.message}
        >
          <textarea className={inputClass} rows={3} maxLength={500} data-testid="suspension-reason" {...form.register("reason")} />
        </Field>
      </form>
    </ConfirmDialog>
  );
}
