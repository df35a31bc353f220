import { ROLES, type Role } from "@/lib/auth/roles";
import type { Me } from "./team-view";

/** The roles this person may hand out (the server's rule, lib/services/team/role-ceiling.ts, repeated for the controls). */
export function grantableRoles(me: Me): Role[] {
  if (me.isPlatformAdmin) return [...ROLES];
  if (!me.role) return [];
  return ROLES.slice(ROLES.indexOf(me.role));
}

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member", viewer: "Viewer" };
