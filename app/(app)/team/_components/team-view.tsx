"use client";

import type { Role } from "@/lib/auth/roles";
import { InvitesCard } from "./invites-card";
import { MembersCard } from "./members-card";
import { PermissionMatrixCard } from "./permission-matrix-card";

export interface Me {
  userId: string;
  role: Role | null;
  isPlatformAdmin: boolean;
}

/** /team: members, invites (team:manage), and what each role may do. */
export function TeamView({ me, canManage }: { me: Me; canManage: boolean }) {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Team</h1>
        <p className="mt-1 text-sm text-slate-600">Who works in this company, what each of them may do, and who is invited.</p>
      </div>
      {canManage ? null : (
        <p className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700" data-testid="team-read-only">
          You can see the team. Changing roles, removing people and inviting need the team:manage permission (admins and owners).
        </p>
      )}
      <MembersCard me={me} canManage={canManage} />
      <InvitesCard me={me} canManage={canManage} />
      <PermissionMatrixCard />
    </div>
  );
}
