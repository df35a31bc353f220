import { mayOpen, type PageRule } from "@/lib/auth/may-open";
import type { Role } from "@/lib/auth/roles";

/** A place in the navigation; who sees it is the rule its page enforces (lib/auth/page-access.ts). */
export interface Section extends PageRule {
  href: string;
  label: string;
}

/** The dashboard's sections in navigation order (SPEC "Pages"). */
export const SECTIONS: readonly Section[] = [
  { href: "/dashboard", label: "Dashboard", permission: "dashboard:read" },
  { href: "/calls", label: "Calls", permission: "calls:read" },
  { href: "/calendar", label: "Calendar", permission: "appointments:read" },
  { href: "/customers", label: "Customers", permission: "customers:read" },
  { href: "/analytics", label: "Analytics", permission: "analytics:read" },
  { href: "/health", label: "Gateway health", permission: "health:read" },
  { href: "/billing", label: "Billing", permission: "billing:read" },
  { href: "/team", label: "Team", permission: "team:read" },
  { href: "/settings", label: "Settings", permission: "settings:read" },
  // The API reference is documentation, open to everyone signed in.
  { href: "/docs/api", label: "API reference" },
  { href: "/admin", label: "Admin", platformAdminOnly: true },
];

export function visibleSections(role: Role | null, isPlatformAdmin: boolean): Section[] {
  return SECTIONS.filter((s) => mayOpen(s, role, isPlatformAdmin));
}

/** The navigation rule of a page, by its path: what the page itself enforces through pageAccess. */
export function sectionRule(href: string): Section {
  const section = SECTIONS.find((s) => s.href === href);
  if (!section) throw new Error(`No section ${href} in SECTIONS`);
  return section;
}
