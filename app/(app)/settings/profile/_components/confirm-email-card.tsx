"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/data/api-fetch";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { notify } from "@/components/ui/notify";

/**
 * The link mailed to a new address opens the profile with its token: one click confirms it (a
 * button, not the page load, so a mail scanner that follows links changes nothing).
 */
export function ConfirmEmailCard({ token, pendingEmail }: { token: string; pendingEmail: string | null }) {
  const router = useRouter();
  const confirm = useMutation({
    mutationFn: () => apiFetch<{ email: string }>("/api/v1/me/email/confirm", { method: "POST", json: { token } }),
    onSuccess: ({ email }) => {
      notify.success("Email changed", { description: `You now sign in with ${email}.` });
      router.replace("/settings/profile");
      router.refresh();
    },
    onError: (err) => notify.error(err, "Confirming the email"),
  });
  return (
    <Card title="Confirm your new email address" data-testid="confirm-email">
      <p className="text-sm text-slate-700">
        {pendingEmail ? `Use ${pendingEmail} to sign in from now on?` : "Confirm the email address this link was sent to."}
      </p>
      {confirm.isError ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {confirm.error.message}
        </p>
      ) : null}
      <Button className="mt-3" variant="primary" loading={confirm.isPending} onClick={() => confirm.mutate()}>
        Confirm new email
      </Button>
    </Card>
  );
}
