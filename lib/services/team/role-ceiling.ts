import { ROLES, type Role } from "@/lib/auth/roles";
import type { Actor } from "@/lib/services/audit/actor-from-caller";

/** Higher is stronger: owner 3, admin 2, member 1, viewer 0. */
export function roleRank(role: Role): number {
  return ROLES.length - 1 - ROLES.indexOf(role);
}

/**
 * The strongest role an actor may hand out or act on: a person's own role, owner for a platform
 * admin, admin for an API key (a key holding team:manage was made by an admin or an owner, and a key
 * never speaks for an owner: ownership changes need a person).
 */
export function roleCeiling(actor: Actor): Role | null {
  if (actor.isPlatformAdmin) return "owner";
  if (actor.apiKeyId) return "admin";
  return actor.role;
}

/** True when the actor may give or act on this role (nobody goes above their own). */
export function withinCeiling(actor: Actor, role: Role): boolean {
  const ceiling = roleCeiling(actor);
  return ceiling !== null && roleRank(role) <= roleRank(ceiling);
}
