import type { Role } from "./roles";

/** Every permission in the product. API key scopes are drawn from the same list. */
export const PERMISSIONS = [
  "dashboard:read",
  "calls:read",
  "calls:write",
  "calls:export",
  "appointments:read",
  "appointments:write",
  "customers:read",
  "customers:write",
  "analytics:read",
  "settings:read",
  "settings:manage",
  "billing:read",
  "billing:manage",
  "team:read",
  "team:manage",
  "keys:manage",
  "health:read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

// Everyone sees who is on the team and what each role may do (team:read); changing it needs team:manage.
const VIEWER = [
  "dashboard:read",
  "calls:read",
  "appointments:read",
  "customers:read",
  "analytics:read",
  "settings:read",
  "team:read",
] as const;
const MEMBER = [...VIEWER, "calls:write", "calls:export", "appointments:write", "customers:write"] as const;
const ADMIN = [...MEMBER, "settings:manage", "billing:read", "team:manage", "keys:manage", "health:read"] as const;
const OWNER = [...ADMIN, "billing:manage"] as const;

/** The permission matrix: what each company role may do. */
export const ROLE_PERMISSIONS = {
  owner: OWNER,
  admin: ADMIN,
  member: MEMBER,
  viewer: VIEWER,
} as const satisfies Record<Role, readonly Permission[]>;

export function roleHas(role: Role | null, permission: Permission): boolean {
  return role !== null && (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}

/** Scopes a person may give a new API key: their own permissions, never more. */
export function grantableScopes(role: Role | null, isPlatformAdmin: boolean): readonly Permission[] {
  if (isPlatformAdmin) return PERMISSIONS;
  return role ? ROLE_PERMISSIONS[role] : [];
}
