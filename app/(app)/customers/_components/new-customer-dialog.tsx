"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { z } from "zod";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/notify";
import type { CustomerView } from "@/lib/services/customers/schemas";

/** What the form checks before sending; the API normalises the phone and answers 409 per field. */
const formSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(191),
  phone: z.string().trim().max(40),
  email: z.union([z.literal(""), z.email("Not an email address").max(191)]),
});
type FormValues = z.input<typeof formSchema>;
const FIELDS = ["name", "phone", "email"] as const;

/** "New customer": a dialog that creates one and opens its profile; a taken phone or email is shown on its field. */
export function NewCustomerDialog() {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const queryClient = useQueryClient();
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  const form = useZodForm(formSchema, { defaultValues: { name: "", phone: "", email: "" } });
  const create = useMutation({
    mutationFn: (v: z.output<typeof formSchema>) =>
      apiFetchEnvelope<CustomerView>("/api/v1/customers", {
        method: "POST",
        headers: { "idempotency-key": idempotencyKey.current },
        json: { name: v.name, phone: v.phone || null, email: v.email || null },
      }),
    onSuccess: ({ data }) => {
      idempotencyKey.current = crypto.randomUUID();
      void queryClient.invalidateQueries({ queryKey: ["customers"] });
      notify.success(`${data.name} added`);
      setOpen(false);
      router.push(`/customers/${data.id}`);
    },
    onError: (err) => {
      idempotencyKey.current = crypto.randomUUID();
      if (!applyApiErrors<FormValues>(err, form.setError, FIELDS)) notify.error(err, "Adding the customer");
    },
  });
  const errors = form.formState.errors;
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) form.reset();
      }}
      trigger={
        <Button variant="primary" data-testid="new-customer">
          New customer
        </Button>
      }
      title="New customer"
      description="Phone numbers can be typed any way; they are saved in international form."
    >
      <form onSubmit={form.handleSubmit((v) => create.mutate(v))} className="space-y-3" noValidate>
        <Field label="Name" error={errors.name?.message}>
          <input className={inputClass} autoComplete="off" {...form.register("name")} />
        </Field>
        <Field label="Phone" error={errors.phone?.message}>
          <input className={inputClass} type="tel" autoComplete="off" {...form.register("phone")} />
        </Field>
        <Field label="Email" error={errors.email?.message}>
          <input className={inputClass} type="email" autoComplete="off" {...form.register("email")} />
        </Field>
        <div className="flex justify-end gap-2 pt-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Add customer
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
