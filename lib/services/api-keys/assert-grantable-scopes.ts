import { ApiError } from "@/lib/api/errors";
import { grantableScopes } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/services/audit/actor-from-caller";

/**
 * A key's scopes are a subset of what its creator holds: a person's role permissions (all of them
 * for a platform admin), or, when a key creates a key, that key's own scopes. 403 naming the rest.
 * Revoking and rotating use it too: an actor may only end or replace a key its own scopes cover.
 */
export function assertGrantableScopes(
  actor: Actor,
  scopes: readonly string[],
  message = "A key cannot have permissions you do not have.",
): void {
  const grantable: readonly string[] = actor.apiKeyId ? (actor.scopes ?? []) : grantableScopes(actor.role, actor.isPlatformAdmin);
  const refused = scopes.filter((s) => !grantable.includes(s));
  if (refused.length > 0) {
    throw new ApiError("forbidden", message, {
      details: { field: "scopes", notGrantable: refused, grantable: [...grantable] },
    });
  }
}
