"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn, signOut } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { z } from "zod";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import { Button } from "@/components/ui/button";
import { notify } from "@/components/ui/notify";
import { acceptInviteRequestSchema, type AcceptedInvite } from "@/lib/services/team/schemas";

type Mode = "new" | "existing" | "signed-in" | "other-account";

/** The API's schema without the token (the page holds it); what each case must send. */
const NEW_ACCOUNT = acceptInviteRequestSchema.omit({ token: true }).required();
const EXISTING_ACCOUNT = acceptInviteRequestSchema.pick({ password: true }).required();
const SIGNED_IN = z.object({});
const FIELDS = ["name", "password"] as const;
type Values = { name?: string; password?: string };

const card = "space-y-4 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm";

export interface AcceptInviteFormProps {
  token: string;
  email: string;
  companyName: string;
  mode: Mode;
  signedInAs: string | null;
}

/** Accepts the invite (POST /api/v1/invites/accept), then signs the person in with what they typed. */
export function AcceptInviteForm({ token, email, companyName, mode, signedInAs }: AcceptInviteFormProps) {
  const router = useRouter();
  const schema = mode === "new" ? NEW_ACCOUNT : mode === "existing" ? EXISTING_ACCOUNT : SIGNED_IN;
  const form = useZodForm(schema as z.ZodType<Values, Values>, {
    defaultValues: mode === "new" ? { name: "", password: "" } : { password: "" },
  });
  const accept = useMutation({
    mutationFn: (values: Values) =>
      apiFetchEnvelope<AcceptedInvite>("/api/v1/invites/accept", { method: "POST", json: { token, ...values } }),
    onSuccess: async ({ data }, values) => {
      notify.success(`You joined ${data.companyName}`);
      if (values.password) {
        const res = await signIn("credentials", { email, password: values.password, companyId: data.companyId, redirect: false });
        if (res && !res.error) {
          router.replace("/dashboard");
          router.refresh();
          return;
        }
      }
      router.replace(mode === "signed-in" ? "/dashboard" : "/signin");
      router.refresh();
    },
    onError: (err) => {
      if (!applyApiErrors<Values>(err, form.setError, FIELDS)) notify.error(err, "Joining");
    },
  });
  const errors = form.formState.errors;
  const callback = `/invite/${token}`;

  if (mode === "other-account") {
    return (
      <div className={card} data-testid="invite-other-account">
        <p className="text-sm text-slate-700">
          You are signed in as <strong>{signedInAs}</strong>, but this invite is for <strong>{email}</strong>. Sign out, then open the link
          again.
        </p>
        <Button variant="primary" onClick={() => void signOut({ callbackUrl: callback })}>
          Sign out
        </Button>
      </div>
    );
  }

  return (
    <form method="post" onSubmit={form.handleSubmit((v) => accept.mutate(v))} className={card} noValidate data-testid="accept-invite-form">
      {mode === "new" ? (
        <>
          <p className="text-sm text-slate-600">Create your account to join {companyName}.</p>
          <Field label="Your name" error={errors.name?.message}>
            <input className={inputClass} autoComplete="name" {...form.register("name")} />
          </Field>
          <Field label="Choose a password" error={errors.password?.message} hint="At least 12 characters.">
            <input className={inputClass} type="password" autoComplete="new-password" {...form.register("password")} />
          </Field>
        </>
      ) : mode === "existing" ? (
        <>
          <p className="text-sm text-slate-600">
            {email} already has a Switchboard account. Enter its password to join, or{" "}
            <Link className="font-medium text-brand-700 underline" href={`/signin?callbackUrl=${encodeURIComponent(callback)}`}>
              sign in first
            </Link>
            .
          </p>
          <Field label="Password" error={errors.password?.message}>
            <input className={inputClass} type="password" autoComplete="current-password" {...form.register("password")} />
          </Field>
        </>
      ) : (
        <p className="text-sm text-slate-600">You are signed in as {email}.</p>
      )}
      {errors.root?.server ? (
        <p role="alert" className="text-sm text-red-700">
          {errors.root.server.message}
        </p>
      ) : null}
      <Button type="submit" variant="primary" className="w-full" loading={accept.isPending}>
        {mode === "new" ? "Create account and join" : `Join ${companyName}`}
      </Button>
    </form>
  );
}
