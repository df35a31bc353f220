"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetchEnvelope, type ApiEnvelope } from "@/components/data/api-fetch";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadError } from "@/components/ui/load-error";
import { notify } from "@/components/ui/notify";
import { Select } from "@/components/ui/select";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { Table, type Column } from "@/components/ui/table";
import type { Role } from "@/lib/auth/roles";
import type { Member } from "@/lib/services/team/schemas";
import { grantableRoles, ROLE_LABELS } from "./role-ceiling";
import type { Me } from "./team-view";
import { teamKeys, useMembers } from "./use-team";

type Pending = { kind: "role"; member: Member; role: Role } | { kind: "remove"; member: Member } | { kind: "transfer"; member: Member };

const rank = (role: Role) => ["viewer", "member", "admin", "owner"].indexOf(role);

/** Why this person cannot act on this member, or null when they can (the server checks the same rules). */
function lockedReason(me: Me, canManage: boolean, member: Member): string | null {
  if (!canManage) return "Needs team:manage";
  if (me.isPlatformAdmin) return null;
  if (!me.role || rank(member.role) > rank(me.role)) return "Only an owner can change an owner";
  return null;
}

export function MembersCard({ me, canManage }: { me: Me; canManage: boolean }) {
  const members = useMembers();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending | null>(null);
  const router = useRouter();
  // After a change to one's own membership the session has ended: sign in again with the new role.
  const signInAgain = () => {
    router.replace("/signin?callbackUrl=%2Fteam");
    router.refresh();
  };

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: Role }) =>
      apiFetchEnvelope(`/api/v1/team/members/${member.userId}`, { method: "PATCH", json: { role } }),
    // Optimistic: the table shows the new role at once and goes back if the server refuses.
    onMutate: async ({ member, role }) => {
      await queryClient.cancelQueries({ queryKey: teamKeys.members });
      const before = queryClient.getQueryData<ApiEnvelope<Member[]>>(teamKeys.members);
      if (before) {
        queryClient.setQueryData(teamKeys.members, {
          ...before,
          data: before.data.map((m) => (m.userId === member.userId ? { ...m, role } : m)),
        });
      }
      setPending(null);
      return { before };
    },
    onError: (err, _vars, ctx) => {
      if (ctx?.before) queryClient.setQueryData(teamKeys.members, ctx.before);
      notify.error(err, "Changing the role");
    },
    onSuccess: (_res, { member, role }) => {
      notify.success(`${member.name} is now ${ROLE_LABELS[role].toLowerCase()}`, {
        description: "Their sessions ended; the new role applies when they sign in again.",
      });
      if (member.userId === me.userId) signInAgain();
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: teamKeys.members }),
  });

  const remove = useMutation({
    mutationFn: (member: Member) => apiFetchEnvelope(`/api/v1/team/members/${member.userId}`, { method: "DELETE" }),
    onSuccess: (_res, member) => {
      setPending(null);
      notify.success(`${member.name} was removed`, { description: "Their sessions and the API keys they created stopped working." });
      if (member.userId === me.userId) signInAgain();
      void queryClient.invalidateQueries({ queryKey: teamKeys.members });
    },
    onError: (err) => notify.error(err, "Removing the member"),
  });

  const transfer = useMutation({
    mutationFn: (member: Member) => apiFetchEnvelope(`/api/v1/team/members/${member.userId}/transfer-ownership`, { method: "POST" }),
    onSuccess: (_res, member) => {
      setPending(null);
      notify.success(`${member.name} now owns the company`, { description: "You are an admin now. Sign in again to continue." });
      signInAgain();
    },
    onError: (err) => notify.error(err, "Transferring ownership"),
  });

  const roles = grantableRoles(me);
  const columns: Column<Member>[] = [
    {
      key: "person",
      header: "Person",
      hideLabelWhenStacked: true,
      cell: (m) => (
        <div className="min-w-0">
          <p className="truncate font-medium text-slate-900">
            {m.name}
            {m.userId === me.userId ? <span className="ml-1 text-xs font-normal text-slate-500">(you)</span> : null}
          </p>
          <p className="truncate text-xs text-slate-500">{m.email}</p>
        </div>
      ),
    },
    {
      key: "role",
      header: "Role",
      cell: (m) => {
        const reason = lockedReason(me, canManage, m);
        if (reason) {
          return (
            <span className="flex flex-col items-end gap-0.5 sm:items-start">
              <Badge tone={m.role === "owner" ? "info" : "neutral"}>{ROLE_LABELS[m.role]}</Badge>
            </span>
          );
        }
        return (
          <Select
            label={`Role of ${m.name}`}
            hideLabel
            value={m.role}
            data-testid={`role-${m.email}`}
            options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            onValueChange={(role) => {
              if (role !== m.role) setPending({ kind: "role", member: m, role });
            }}
          />
        );
      },
    },
    {
      key: "joined",
      header: "Joined",
      cell: (m) => <span className="text-slate-600">{new Date(m.joinedAt).toLocaleDateString()}</span>,
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      hideLabelWhenStacked: true,
      cell: (m) => {
        const reason = lockedReason(me, canManage, m);
        return (
          <div className="flex flex-wrap items-center justify-end gap-2">
            {reason ? <span className="text-xs text-slate-500">{reason}</span> : null}
            {me.role === "owner" && m.userId !== me.userId ? (
              <Button size="sm" onClick={() => setPending({ kind: "transfer", member: m })}>
                Make owner…
              </Button>
            ) : null}
            <Button
              size="sm"
              variant="ghost"
              disabled={reason !== null}
              aria-label={`Remove ${m.name}`}
              title={reason ?? undefined}
              onClick={() => setPending({ kind: "remove", member: m })}
            >
              Remove
            </Button>
          </div>
        );
      },
    },
  ];

  return (
    <Card title="Members" description="Roles take effect at the person's next sign-in." padded={false} data-testid="members-card">
      {members.isError ? (
        <div className="p-4">
          <LoadError error={members.error} subject="The member list" onRetry={() => void members.refetch()} hasData={false} />
        </div>
      ) : members.data ? (
        <Table
          caption="Members"
          columns={columns}
          rows={members.data.data}
          rowKey={(m) => m.userId}
          rowTestId={(m) => `member-${m.email}`}
        />
      ) : (
        <LoadingSkeleton label="Loading members…" count={4} className="p-4" />
      )}

      <ConfirmDialog
        open={pending?.kind === "role"}
        onOpenChange={(o) => !o && setPending(null)}
        tone="primary"
        title={pending?.kind === "role" ? `Make ${pending.member.name} ${ROLE_LABELS[pending.role].toLowerCase()}?` : ""}
        description="Their current sessions and tokens end now; they sign in again with the new role. API keys they made with permissions the new role lacks are revoked."
        confirmLabel="Change role"
        pending={changeRole.isPending}
        onConfirm={() => pending?.kind === "role" && changeRole.mutate({ member: pending.member, role: pending.role })}
      />
      <ConfirmDialog
        open={pending?.kind === "remove"}
        onOpenChange={(o) => !o && setPending(null)}
        title={pending?.kind === "remove" ? `Remove ${pending.member.name}?` : ""}
        description="They lose access at their next request: sessions, tokens and the API keys they created stop working. The keys stay listed with who created them."
        confirmLabel="Remove member"
        pending={remove.isPending}
        onConfirm={() => pending?.kind === "remove" && remove.mutate(pending.member)}
      />
      <ConfirmDialog
        open={pending?.kind === "transfer"}
        onOpenChange={(o) => !o && setPending(null)}
        title={pending?.kind === "transfer" ? `Make ${pending.member.name} the owner?` : ""}
        description="They become owner and you become admin, at once. Billing and ownership changes will be theirs. You will sign in again."
        confirmLabel="Transfer ownership"
        pending={transfer.isPending}
        onConfirm={() => pending?.kind === "transfer" && transfer.mutate(pending.member)}
      />
    </Card>
  );
}
