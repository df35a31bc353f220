import { roleHas, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";

export interface Section {
  href: string;
  label: string;
  /** Roles that see it; omitted = every member. Platform admins see everything. */
  roles?: readonly Role[];
  /** Only roles holding this permission see it: the same check the page and its API make. */
  permission?: Permission;
  platformAdminOnly?: boolean;
}

/** The dashboard's sections in navigation order (SPEC "Pages"). */
export const SECTIONS: readonly Section[] = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/calls", label: "Calls" },
  { href: "/calendar", label: "Calendar" },
  { href: "/customers", label: "Customers" },
  { href: "/analytics", label: "Analytics" },
  { href: "/health", label: "Gateway health", permission: "health:read" },
  { href: "/billing", label: "Billing", roles: ["owner", "admin"] },
  { href: "/team", label: "Team", roles: ["owner", "admin"] },
  { href: "/settings", label: "Settings" },
  { href: "/docs/api", label: "API reference" },
  { href: "/admin", label: "Admin", platformAdminOnly: true },
];

export function visibleSections(role: Role | null, isPlatformAdmin: boolean): Section[] {
  return SECTIONS.filter((s) => {
    if (isPlatformAdmin) return true;
    if (s.platformAdminOnly) return false;
    if (s.permission && !roleHas(role, s.permission)) return false;
    return !s.roles || (role !== null && s.roles.includes(role));
  });
}
