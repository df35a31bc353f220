"use client";

import { useState } from "react";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/notify";
import { createApiKeyRequestSchema } from "@/lib/services/api-keys/schemas";
import type { ShownSecret } from "./secret-dialog";
import { useCreateKey } from "./use-api-keys";

const EXPIRY_OPTIONS = [
  { value: "never", label: "Never" },
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
] as const;

/** The API's own request schema for name, scopes and environment; the expiry is picked as a period and sent as an instant. */
const formSchema = createApiKeyRequestSchema
  .pick({ name: true, scopes: true, environment: true })
  .extend({ expiry: z.enum(EXPIRY_OPTIONS.map((o) => o.value)) });
type FormValues = z.input<typeof formSchema>;

/** "never" → null; a number of days → that many days from the moment the form is sent. */
function expiryInstant(expiry: FormValues["expiry"]): string | null {
  return expiry === "never" ? null : new Date(Date.now() + Number(expiry) * 86_400_000).toISOString();
}
const FIELDS = ["name", "scopes", "environment", "expiry"] as const;

export interface CreateKeyDialogProps {
  /** The scopes the signed-in person may give a key: their own permissions (the server checks again). */
  grantable: string[];
  creatorName: string | null;
  onCreated: (secret: ShownSecret) => void;
}

/** "Create key": name, scopes from the creator's own permissions, live or test, an optional expiry. */
export function CreateKeyDialog({ grantable, creatorName, onCreated }: CreateKeyDialogProps) {
  const [open, setOpen] = useState(false);
  const create = useCreateKey(creatorName);
  const form = useZodForm(formSchema, { defaultValues: { name: "", scopes: [], environment: "live", expiry: "never" } });
  const errors = form.formState.errors;
  const submit = form.handleSubmit((v) =>
    create.mutate(
      {
        name: v.name,
        scopes: v.scopes,
        environment: v.environment,
        expiresAt: expiryInstant(v.expiry),
      },
      {
        onSuccess: (created) => {
          notify.success(`Key “${created.name}” created`);
          setOpen(false);
          form.reset();
          onCreated({ name: created.name, key: created.key });
        },
        onError: (err) => {
          if (!applyApiErrors<FormValues>(err, form.setError, FIELDS)) notify.error(err, "Creating the key");
        },
      },
    ),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) form.reset();
      }}
      trigger={
        <Button variant="primary" data-testid="create-key">
          Create key
        </Button>
      }
      title="Create an API key"
      description="A key can do only what you can do: pick its scopes from your own permissions."
    >
      <form onSubmit={submit} className="space-y-4" noValidate data-testid="create-key-form">
        <Field label="Name" error={errors.name?.message} hint="Say where it is used, e.g. “Zapier” or “CRM sync”.">
          <input className={inputClass} autoComplete="off" {...form.register("name")} />
        </Field>
        <fieldset aria-describedby={errors.scopes ? "scopes-error" : undefined}>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          <div className="mt-2 grid grid-cols-1 gap-1.5 sm:grid-cols-2">
            {grantable.map((scope) => (
              <label key={scope} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" value={scope} className="h-4 w-4 rounded border-slate-300" {...form.register("scopes")} />
                <span className="font-mono text-xs">{scope}</span>
              </label>
            ))}
          </div>
          {errors.scopes ? (
            <p id="scopes-error" className="mt-1 text-xs font-medium text-red-700">
              {errors.scopes.message}
            </p>
          ) : null}
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Environment" error={errors.environment?.message}>
            <select className={inputClass} {...form.register("environment")}>
              <option value="live">Live (sb_live_…)</option>
              <option value="test">Test (sb_test_…)</option>
            </select>
          </Field>
          <Field label="Expires" error={errors.expiry?.message}>
            <select className={inputClass} {...form.register("expiry")}>
              {EXPIRY_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {errors.root?.server ? <p className="text-sm font-medium text-red-700">{errors.root.server.message}</p> : null}
        <div className="flex justify-end gap-2 pt-1">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
