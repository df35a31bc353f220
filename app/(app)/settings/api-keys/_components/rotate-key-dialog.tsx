"use client";

import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/notify";
import { rotateApiKeyRequestSchema, type ApiKeyListItem } from "@/lib/services/api-keys/schemas";
import type { ShownSecret } from "./secret-dialog";
import { useRotateKey } from "./use-api-keys";

const GRACE_OPTIONS = [
  { value: "0", label: "None: the old key stops now" },
  { value: "3600", label: "1 hour" },
  { value: "86400", label: "24 hours" },
  { value: "604800", label: "7 days (the longest)" },
] as const;

/** The API's rotate schema, the grace period picked from a list (a select answers strings). */
const formSchema = z.object({ gracePeriodSeconds: z.enum(GRACE_OPTIONS.map((o) => o.value)) });
type FormValues = z.input<typeof formSchema>;

export interface RotateKeyDialogProps {
  apiKey: ApiKeyListItem | null;
  creatorName: string | null;
  onOpenChange: (open: boolean) => void;
  onRotated: (secret: ShownSecret) => void;
}

/** Rotate: a new secret with the same name, scopes and expiry; the old key keeps reading during the chosen grace. */
export function RotateKeyDialog({ apiKey, creatorName, onOpenChange, onRotated }: RotateKeyDialogProps) {
  const rotate = useRotateKey(creatorName);
  const form = useZodForm(formSchema, { defaultValues: { gracePeriodSeconds: "86400" } });
  const submit = form.handleSubmit((v) => {
    if (!apiKey) return;
    const body = rotateApiKeyRequestSchema.parse({ gracePeriodSeconds: Number(v.gracePeriodSeconds) });
    const name = apiKey.name;
    onOpenChange(false);
    rotate.mutate(
      { id: apiKey.id, gracePeriodSeconds: body.gracePeriodSeconds },
      {
        onSuccess: (rotated) => {
          notify.success(`Key “${rotated.name}” rotated`);
          form.reset();
          onRotated({
            name: rotated.name,
            key: rotated.key,
            graceExpiresAt: body.gracePeriodSeconds > 0 ? rotated.previous.graceExpiresAt : null,
          });
        },
        onError: (err) => {
          if (!applyApiErrors<FormValues>(err, form.setError, ["gracePeriodSeconds"])) notify.error(err, `Rotating “${name}”`);
        },
      },
    );
  });
  return (
    <Dialog
      open={apiKey !== null}
      onOpenChange={onOpenChange}
      title={apiKey ? `Rotate “${apiKey.name}”` : "Rotate key"}
      description="You get a new secret with the same name, scopes and expiry. During the grace period the old key can still read (not write), so integrations can move over."
      data-testid="rotate-dialog"
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field label="Grace period for the old key" error={form.formState.errors.gracePeriodSeconds?.message}>
          <select className={inputClass} {...form.register("gracePeriodSeconds")}>
            {GRACE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" loading={rotate.isPending}>
            Rotate key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
