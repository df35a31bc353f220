import { PERMISSIONS, ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { ROLES } from "@/lib/auth/roles";
import type { PermissionMatrix } from "./schemas";

/** The role × permission matrix, straight from lib/auth/permissions.ts (the one source the API enforces). */
export function permissionMatrix(): PermissionMatrix {
  return {
    roles: [...ROLES],
    permissions: [...PERMISSIONS],
    grants: Object.fromEntries(ROLES.map((role) => [role, [...ROLE_PERMISSIONS[role]]])) as PermissionMatrix["grants"],
  };
}
