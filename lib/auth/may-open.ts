import { roleHas, type Permission } from "./permissions";
import type { Role } from "./roles";

/** Who may open a page (and see it in the navigation). Omitted fields do not restrict. */
export interface PageRule {
  /** Only roles holding this permission: the same check the page's API makes. */
  permission?: Permission;
  /** Only these roles. */
  roles?: readonly Role[];
  platformAdminOnly?: boolean;
}

/** The one rule the navigation and every server page apply. Platform admins may open everything. */
export function mayOpen(rule: PageRule, role: Role | null, isPlatformAdmin: boolean): boolean {
  if (isPlatformAdmin) return true;
  if (rule.platformAdminOnly) return false;
  if (rule.permission && !roleHas(role, rule.permission)) return false;
  return !rule.roles || (role !== null && rule.roles.includes(role));
}
