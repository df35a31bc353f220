import type { Role as SchemaRole } from "@/lib/db/schema/memberships";

/**
 * Company roles, strongest first. A literal list rather than an import of the drizzle schema so
 * the edge bundle (which checks roles) does not pull in the ORM; `satisfies` keeps them in step.
 */
export const ROLES = ["owner", "admin", "member", "viewer"] as const satisfies readonly SchemaRole[];
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
