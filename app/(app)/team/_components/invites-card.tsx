"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { notify } from "@/components/ui/notify";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { Table, type Column } from "@/components/ui/table";
import type { PublicInvite } from "@/lib/services/team/schemas";
import { InviteDialog } from "./invite-dialog";
import { grantableRoles, ROLE_LABELS } from "./role-ceiling";
import type { Me } from "./team-view";
import { teamKeys, useInvites } from "./use-team";

/**
 * Open invites with resend and revoke; the whole card needs team:manage (the list is team:manage on
 * the API too), and an invite for a role above the viewer's own is shown but locked, with the reason
 * (the server refuses it regardless: 403).
 */
export function InvitesCard({ me, canManage }: { me: Me; canManage: boolean }) {
  const invites = useInvites(canManage);
  const roles = grantableRoles(me);
  const lockedReason = (invite: PublicInvite) =>
    roles.includes(invite.role) ? null : `Only an ${ROLE_LABELS[invite.role].toLowerCase()} can change this invite`;
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<PublicInvite | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: teamKeys.invites });

  const resend = useMutation({
    mutationFn: (invite: PublicInvite) => apiFetchEnvelope<PublicInvite>(`/api/v1/team/invites/${invite.id}/resend`, { method: "POST" }),
    onSuccess: ({ data }) => {
      notify.success(`Invite resent to ${data.email}`, { description: "The earlier link no longer works; the new one lasts 7 days." });
      refresh();
    },
    onError: (err) => notify.error(err, "Resending the invite"),
  });
  const revoke = useMutation({
    mutationFn: (invite: PublicInvite) => apiFetchEnvelope<PublicInvite>(`/api/v1/team/invites/${invite.id}`, { method: "DELETE" }),
    onSuccess: ({ data }) => {
      setRevoking(null);
      notify.success(`Invite for ${data.email} revoked`);
      refresh();
    },
    onError: (err) => notify.error(err, "Revoking the invite"),
  });

  const columns: Column<PublicInvite>[] = [
    { key: "email", header: "Email", hideLabelWhenStacked: true, cell: (i) => <span className="font-medium break-all">{i.email}</span> },
    { key: "role", header: "Role", cell: (i) => ROLE_LABELS[i.role] },
    {
      key: "status",
      header: "Status",
      cell: (i) => (
        <Badge tone={i.status === "pending" ? "info" : "warning"}>
          {i.status === "pending" ? `Expires ${new Date(i.expiresAt).toLocaleDateString()}` : "Expired"}
        </Badge>
      ),
    },
    { key: "by", header: "Invited by", cell: (i) => <span className="text-slate-600">{i.invitedByName ?? "—"}</span> },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      hideLabelWhenStacked: true,
      cell: (i) => {
        const reason = lockedReason(i);
        return (
          <div className="flex flex-wrap items-center justify-end gap-2">
            {reason ? <span className="text-xs text-slate-500">{reason}</span> : null}
            <Button
              size="sm"
              aria-label={`Resend the invite to ${i.email}`}
              disabled={reason !== null}
              title={reason ?? undefined}
              loading={resend.isPending && resend.variables?.id === i.id}
              onClick={() => resend.mutate(i)}
            >
              Resend
            </Button>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Revoke the invite to ${i.email}`}
              disabled={reason !== null}
              title={reason ?? undefined}
              onClick={() => setRevoking(i)}
            >
              Revoke
            </Button>
          </div>
        );
      },
    },
  ];

  return (
    <Card
      title="Invites"
      description="People invited by email who have not joined yet."
      actions={<InviteDialog me={me} disabledReason={canManage ? null : "Only owners and admins can invite people"} />}
      padded={false}
      data-testid="invites-card"
    >
      {!canManage ? (
        <p className="px-4 py-3 text-sm text-slate-600">Invites are visible to admins and owners (team:manage).</p>
      ) : invites.isError ? (
        <div className="p-4">
          <LoadError error={invites.error} subject="The invite list" onRetry={() => void invites.refetch()} hasData={false} />
        </div>
      ) : invites.data ? (
        <Table
          caption="Open invites"
          columns={columns}
          rows={invites.data.data}
          rowKey={(i) => i.id}
          rowTestId={(i) => `invite-${i.email}`}
          empty={
            <div className="p-4">
              <EmptyState
                compact
                title="No open invites"
                description="Invite a colleague: they get a link by email that works for 7 days."
              />
            </div>
          }
        />
      ) : (
        <LoadingSkeleton label="Loading invites…" count={2} className="p-4" />
      )}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={revoking ? `Revoke the invite to ${revoking.email}?` : ""}
        description="The link in their email stops working at once. You can invite them again later."
        confirmLabel="Revoke invite"
        pending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      />
    </Card>
  );
}
