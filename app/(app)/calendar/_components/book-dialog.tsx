"use client";

import { useState } from "react";
import { z } from "zod";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/notify";
import { Tabs } from "@/components/ui/tabs";
import { CustomerPicker } from "./customer-picker";
import { SlotPicker } from "./slot-picker";
import { useBook, useCall, useCustomerPick, type CustomerPick } from "./use-appointments";

const newCustomerSchema = z.object({
  name: z.string().trim().max(191),
  email: z.union([z.literal(""), z.email("Enter an email address.").max(191)]),
  phone: z.union([z.literal(""), z.string().regex(/^\+[1-9]\d{6,14}$/, "Use the international form, e.g. +15551234567.")]),
  notes: z.string().max(2000),
});
type FormValues = z.infer<typeof newCustomerSchema>;

/** Book from a free slot: choose the slot, pick an existing customer or create one, add notes. */
export function BookDialog({
  open,
  onOpenChange,
  timeZone,
  from,
  callId,
  customerId,
  onBooked,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  timeZone: string;
  from: string;
  /** The call this booking comes from (its source); its customer is picked to start with. */
  callId: string | null;
  /** A customer to book for (?customer=): picked to start with, before the call's customer. */
  customerId: string | null;
  onBooked: (id: string) => void;
}) {
  const [start, setStart] = useState<string | null>(null);
  const [mode, setMode] = useState<"existing" | "new">("existing");
  const [customer, setCustomer] = useState<CustomerPick | null>(null);
  const call = useCall(callId);
  const callCustomer = call.data?.data.customer ?? null;
  const forCustomer = useCustomerPick(customerId);
  const picked = customer ?? forCustomer.data?.data ?? (callCustomer ? { ...callCustomer, email: null } : null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const form = useZodForm(newCustomerSchema, { defaultValues: { name: "", email: "", phone: "", notes: "" } });
  const book = useBook();
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (v: FormValues) => {
    if (!start) return;
    if (mode === "new") {
      let bad = false;
      if (!v.name) form.setError("name", { message: "Enter the customer's name." }, { shouldFocus: (bad = true) });
      if (!v.email) form.setError("email", { message: "An email is needed to book." }, { shouldFocus: !bad });
      if (!v.name || !v.email) return;
    } else if (!picked) return;
    try {
      const booked = await book.mutateAsync({
        start,
        idempotencyKey,
        ...(callId ? { callId } : {}),
        notes: v.notes || undefined,
        ...(mode === "existing"
          ? { customerId: picked!.id }
          : { customer: { name: v.name, email: v.email, ...(v.phone ? { phone: v.phone } : {}) } }),
      });
      notify.success("Booked", {
        description: new Date(booked.startAt).toLocaleString("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" }),
      });
      onOpenChange(false);
      onBooked(booked.id);
    } catch (err) {
      if (!applyApiErrors(err, form.setError, ["name", "email", "phone", "notes"])) notify.error(err, "Booking");
    }
  });

  const ready = start !== null && (mode === "new" || picked !== null);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Book an appointment"
      description="Choose a free slot, then who it is for."
      data-testid="book-dialog"
      className="max-w-xl"
    >
      {callId ? (
        <p className="mb-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="book-from-call">
          {call.data
            ? `From the call of ${new Date(call.data.data.startedAt).toLocaleString("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" })}`
            : "From a call"}
        </p>
      ) : null}
      {customerId && forCustomer.isError ? (
        <p role="alert" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="book-for-missing">
          That customer was not found. Find one below, or create a new one.
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} className="space-y-4" noValidate>
        <SlotPicker timeZone={timeZone} from={from} value={start} onChange={setStart} />
        <Tabs
          label="Customer"
          value={mode}
          onValueChange={setMode}
          items={[
            { value: "existing", label: "Existing customer", content: <CustomerPicker value={picked} onChange={setCustomer} /> },
            {
              value: "new",
              label: "New customer",
              content: (
                <div className="grid gap-3 sm:grid-cols-2">
                  <Field label="Name" error={errors.name?.message} className="sm:col-span-2">
                    <input className={inputClass} autoComplete="off" {...form.register("name")} />
                  </Field>
                  <Field label="Email" error={errors.email?.message}>
                    <input type="email" className={inputClass} autoComplete="off" {...form.register("email")} />
                  </Field>
                  <Field label="Phone (optional)" error={errors.phone?.message} hint="+15551234567">
                    <input type="tel" className={inputClass} autoComplete="off" {...form.register("phone")} />
                  </Field>
                </div>
              ),
            },
          ]}
        />
        {mode === "existing" && picked ? (
          <p className="text-sm text-slate-700" data-testid="picked-customer">
            For <strong>{picked.name}</strong>
          </p>
        ) : null}
        <Field label="Notes (optional)" error={errors.notes?.message}>
          <textarea rows={2} className={inputClass} {...form.register("notes")} />
        </Field>
        {errors.root?.server ? (
          <p role="alert" className="text-sm text-red-700">
            {errors.root.server.message}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" loading={book.isPending} disabled={!ready}>
            Book
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
