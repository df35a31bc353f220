"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/data/api-fetch";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { notify } from "@/components/ui/notify";
import { updateMeBodySchema, type MeView } from "@/lib/services/settings/schemas";

type FormValues = { name: string; email: string; currentPassword?: string };
const FIELDS = ["name", "email", "currentPassword"] as const;

/**
 * Name (saved at once) and email (the current password proves it is you; a link goes to the new
 * address, your current one is told, and nothing changes until the link is opened).
 */
export function ProfileForm({ me }: { me: MeView }) {
  const router = useRouter();
  const form = useZodForm(updateMeBodySchema, { defaultValues: { name: me.name, email: me.email } });
  const errors = form.formState.errors;
  const emailChanged = (form.watch("email") ?? "").trim().toLowerCase() !== me.email;
  const save = useMutation({
    mutationFn: (patch: Partial<FormValues>) => apiFetch<MeView>("/api/v1/me", { method: "PATCH", json: patch }),
    onSuccess: (saved, patch) => {
      form.reset({ name: saved.name, email: saved.email, currentPassword: "" });
      if (patch.email)
        notify.success("Check your inbox", {
          description: `We sent a confirmation link to ${patch.email}. Your email changes when you open it.`,
        });
      else notify.success("Profile saved");
      router.refresh();
    },
    onError: (err) => {
      notify.error(err, "Saving your profile");
      applyApiErrors<FormValues>(err, form.setError, FIELDS);
    },
  });
  const submit = form.handleSubmit((v) => {
    const dirty = form.formState.dirtyFields;
    const patch: Partial<FormValues> = {};
    if (dirty.name && v.name) patch.name = v.name;
    if (dirty.email && v.email && v.email !== me.email) {
      if (!v.currentPassword) return form.setError("currentPassword", { message: "Enter your current password to change your email." });
      patch.email = v.email;
      patch.currentPassword = v.currentPassword;
    }
    if (Object.keys(patch).length === 0) return notify.info("Nothing to save");
    save.mutate(patch);
  });
  return (
    <Card title="Your profile" description="Only you can change these.">
      <form method="post" onSubmit={submit} noValidate aria-label="Your profile" className="space-y-4">
        <fieldset disabled={save.isPending} className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" error={errors.name?.message}>
            <input className={inputClass} autoComplete="name" {...form.register("name")} />
          </Field>
          <Field
            label="Email"
            error={errors.email?.message}
            hint={
              me.pendingEmail
                ? `Waiting for confirmation: ${me.pendingEmail.email} (the link works until ${new Date(me.pendingEmail.expiresAt).toLocaleString("en-US")}).`
                : "A new address is confirmed by a link we email to it."
            }
          >
            <input className={inputClass} type="email" autoComplete="email" {...form.register("email")} />
          </Field>
          {emailChanged ? (
            <Field
              label="Current password"
              error={errors.currentPassword?.message}
              hint="Needed to change your email. We also tell your current address."
            >
              <input className={inputClass} type="password" autoComplete="current-password" {...form.register("currentPassword")} />
            </Field>
          ) : null}
        </fieldset>
        <Button type="submit" variant="primary" loading={save.isPending}>
          Save profile
        </Button>
      </form>
    </Card>
  );
}
