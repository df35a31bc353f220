"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { applyApiErrors } from "@/components/forms/apply-api-errors";
import { Field, inputClass } from "@/components/forms/field";
import { useZodForm } from "@/components/forms/use-zod-form";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/notify";
import { createInviteRequestSchema, type CreateInviteRequest, type PublicInvite } from "@/lib/services/team/schemas";
import { grantableRoles, ROLE_LABELS } from "./role-ceiling";
import type { Me } from "./team-view";
import { teamKeys } from "./use-team";

const FIELDS = ["email", "role"] as const;

/** "Invite someone": email and a role no higher than one's own; the same schema the API validates with. */
export function InviteDialog({ me, disabledReason }: { me: Me; disabledReason: string | null }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const roles = grantableRoles(me);
  // One key per invite the person means to send: a retried click or a lost answer sends no second email.
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  const form = useZodForm(createInviteRequestSchema, { defaultValues: { email: "", role: "member" } });
  const create = useMutation({
    mutationFn: (body: CreateInviteRequest) =>
      apiFetchEnvelope<PublicInvite>("/api/v1/team/invites", {
        method: "POST",
        headers: { "idempotency-key": idempotencyKey.current },
        json: body,
      }),
    onSuccess: ({ data }) => {
      idempotencyKey.current = crypto.randomUUID();
      void queryClient.invalidateQueries({ queryKey: teamKeys.invites });
      if (data.emailQueued === false)
        notify.info(`Invite created for ${data.email}`, "The email could not be sent yet: resend it in a moment.");
      else notify.success(`Invite sent to ${data.email}`, { description: "The link works for 7 days." });
      setOpen(false);
      form.reset();
    },
    onError: (err) => {
      idempotencyKey.current = crypto.randomUUID();
      if (!applyApiErrors<CreateInviteRequest>(err, form.setError, FIELDS)) notify.error(err, "Sending the invite");
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
        <Button variant="primary" data-testid="invite-open" disabled={disabledReason !== null} title={disabledReason ?? undefined}>
          Invite someone
        </Button>
      }
      title="Invite someone"
      description="They get an email with a link that works for 7 days."
    >
      <form onSubmit={form.handleSubmit((v) => create.mutate(v))} className="space-y-3" noValidate>
        <Field label="Email" error={errors.email?.message}>
          <input className={inputClass} type="email" autoComplete="off" {...form.register("email")} />
        </Field>
        <Field label="Role" error={errors.role?.message} hint="Nobody can invite above their own role.">
          <select className={inputClass} {...form.register("role")}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        {errors.root?.server ? (
          <p role="alert" className="text-sm text-red-700">
            {errors.root.server.message}
          </p>
        ) : null}
        <div className="flex justify-end gap-2 pt-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Send invite
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
