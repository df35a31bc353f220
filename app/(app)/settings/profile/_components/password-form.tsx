"use client";

import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/components/data/api-fetch";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { notify } from "@/components/ui/notify";
import { changePasswordBodySchema } from "@/lib/services/settings/schemas";

/** The API's body plus a repeat of the new password (checked here only). */
const formSchema = z
  .object({ ...changePasswordBodySchema.shape, repeat: z.string() })
  .refine((v) => v.repeat === v.newPassword, { message: "The two new passwords differ.", path: ["repeat"] });
type FormValues = z.input<typeof formSchema>;

/** Current password required; on success every other session ends and this one gets a new cookie. */
export function PasswordForm() {
  const form = useZodForm(formSchema, { defaultValues: { currentPassword: "", newPassword: "", repeat: "" } });
  const errors = form.formState.errors;
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      apiFetch<{ changed: true; currentSessionKept: boolean }>("/api/v1/me/password", { method: "POST", json: body }),
    onSuccess: () => {
      form.reset();
      notify.success("Password changed", { description: "You were signed out everywhere else; this browser stays signed in." });
    },
    onError: (err) => {
      notify.error(err, "Changing the password");
      applyApiErrors<FormValues>(err, form.setError, ["currentPassword", "newPassword"]);
    },
  });
  return (
    <Card title="Password" description="Changing it signs you out on every other device and browser.">
      <form
        method="post"
        noValidate
        aria-label="Change password"
        onSubmit={form.handleSubmit(({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword }))}
        className="space-y-4"
      >
        <fieldset disabled={change.isPending} className="grid gap-4 sm:grid-cols-3">
          <Field label="Current password" error={errors.currentPassword?.message}>
            <input className={inputClass} type="password" autoComplete="current-password" {...form.register("currentPassword")} />
          </Field>
          <Field label="New password" error={errors.newPassword?.message} hint="At least 12 characters; not a known password.">
            <input className={inputClass} type="password" autoComplete="new-password" {...form.register("newPassword")} />
          </Field>
          <Field label="Repeat the new password" error={errors.repeat?.message}>
            <input className={inputClass} type="password" autoComplete="new-password" {...form.register("repeat")} />
          </Field>
        </fieldset>
        <Button type="submit" variant="primary" loading={change.isPending}>
          Change password
        </Button>
      </form>
    </Card>
  );
}
