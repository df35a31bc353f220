"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { notify } from "@/components/ui/notify";
import { formatPhone } from "@/lib/phone/format-phone";
import type { CustomerDetail, CustomerView } from "@/lib/services/customers/schemas";
import { customerKey } from "./use-customer";

/** What the form checks before sending; the API normalises the phone and answers 409 per field. */
const formSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(191),
  phone: z.string().trim().max(40),
  email: z.union([z.literal(""), z.email("Not an email address").max(191)]),
  notes: z.string().max(5000),
  tags: z.string().max(900),
});
type FormValues = z.input<typeof formSchema>;
const FIELDS = ["name", "phone", "email", "notes", "tags"] as const;

const valuesOf = (c: CustomerDetail): FormValues => ({
  name: c.name,
  phone: c.phone ?? "",
  email: c.email ?? "",
  notes: c.notes ?? "",
  tags: c.tags.join(", "),
});

const tagsOf = (text: string) => [
  ...new Set(
    text
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/**
 * The profile. With customers:write the fields are a form: saving shows the new values at once
 * (optimistic), and an error puts the old ones back, says why in a toast and marks the field the
 * API named. Without it, the same facts read-only. The parent keys it on the server copy's
 * updatedAt, so a newer copy (a merge, another tab) starts a fresh form while an optimistic value or
 * its rollback (same updatedAt) keeps the form, and the field error, as they are.
 */
export function ProfileCard({ customer, canEdit }: { customer: CustomerDetail; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const form = useZodForm(formSchema, { defaultValues: valuesOf(customer) });
  const { isDirty } = form.formState;
  const hydrated = useHydrated();

  const save = useMutation({
    mutationFn: (patch: Record<string, unknown>) =>
      apiFetchEnvelope<CustomerView>(`/api/v1/customers/${customer.id}`, { method: "PATCH", json: patch }),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: customerKey(customer.id) });
      const previous = queryClient.getQueryData<CustomerDetail>(customerKey(customer.id));
      if (previous) queryClient.setQueryData<CustomerDetail>(customerKey(customer.id), { ...previous, ...patch });
      return { previous };
    },
    onError: (err, _patch, ctx) => {
      if (ctx?.previous) {
        queryClient.setQueryData(customerKey(customer.id), ctx.previous);
        form.reset(valuesOf(ctx.previous));
      }
      notify.error(err, "Saving the profile");
      applyApiErrors<FormValues>(err, form.setError, FIELDS);
    },
    onSuccess: ({ data }) => {
      const current = queryClient.getQueryData<CustomerDetail>(customerKey(customer.id));
      if (current) queryClient.setQueryData<CustomerDetail>(customerKey(customer.id), { ...current, ...data });
      form.reset(valuesOf({ ...customer, ...data }));
      notify.success("Profile saved");
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ["customers"] });
      void queryClient.invalidateQueries({ queryKey: ["calls"] });
    },
  });

  if (!canEdit) {
    return (
      <Card title="Profile" data-testid="customer-profile">
        <dl className="space-y-2 text-sm">
          <Fact label="Phone">{customer.phone ? formatPhone(customer.phone) : "—"}</Fact>
          <Fact label="Email">{customer.email ?? "—"}</Fact>
          <Fact label="Tags">{customer.tags.length ? customer.tags.join(", ") : "—"}</Fact>
          <Fact label="Notes">{customer.notes ?? "—"}</Fact>
        </dl>
      </Card>
    );
  }

  const errors = form.formState.errors;
  const submit = form.handleSubmit((v) => {
    const dirty = form.formState.dirtyFields;
    const patch: Record<string, unknown> = {};
    if (dirty.name) patch.name = v.name;
    if (dirty.phone) patch.phone = v.phone || null;
    if (dirty.email) patch.email = v.email || null;
    if (dirty.notes) patch.notes = v.notes || null;
    if (dirty.tags) patch.tags = tagsOf(v.tags);
    if (Object.keys(patch).length > 0) save.mutate(patch);
  });
  return (
    <Card title="Profile" data-testid="customer-profile">
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!hydrated} className="min-w-0 space-y-3">
          <Field label="Name" error={errors.name?.message}>
            <input className={inputClass} autoComplete="off" {...form.register("name")} />
          </Field>
          <Field label="Phone" error={errors.phone?.message} hint="Any spelling; saved as +1 617 …">
            <input className={inputClass} type="tel" autoComplete="off" {...form.register("phone")} />
          </Field>
          <Field label="Email" error={errors.email?.message}>
            <input className={inputClass} type="email" autoComplete="off" {...form.register("email")} />
          </Field>
          <Field label="Tags" error={errors.tags?.message} hint="Separated by commas">
            <input className={inputClass} autoComplete="off" {...form.register("tags")} />
          </Field>
          <Field label="Notes" error={errors.notes?.message}>
            <textarea className={inputClass} rows={3} {...form.register("notes")} />
          </Field>
          <div className="flex justify-end gap-2">
            <Button onClick={() => form.reset(valuesOf(customer))} disabled={!isDirty || save.isPending}>
              Discard
            </Button>
            <Button type="submit" variant="primary" disabled={!isDirty} loading={save.isPending} data-testid="save-profile">
              Save changes
            </Button>
          </div>
        </fieldset>
      </form>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="break-words text-slate-900">{children}</dd>
    </div>
  );
}
