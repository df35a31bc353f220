import { hasPermission } from "@/lib/api/authorize";
import { ApiError } from "@/lib/api/errors";
import type { GatewayContext } from "@/lib/gateway/context";
import { isId } from "@/lib/ids/is-id";

/** What a caller may see of the gateway's health: everything (platform admins) or one company's slice. */
export type HealthScope = { kind: "platform" } | { kind: "company"; companyId: string };

/**
 * Platform admins see the whole gateway (or one company's view with `?companyId=`); company admins
 * (`health:read`, people or API keys) see only their own company's traffic and limits.
 * The routes use `auth: "none"` and call this, because a platform admin may act without a company.
 */
export function healthScopeFor(caller: GatewayContext | null, url: URL): HealthScope {
  if (!caller || caller.auth === "anonymous") throw new ApiError("unauthorized");
  if (caller.pa && caller.auth !== "api_key") {
    const companyId = url.searchParams.get("companyId");
    if (companyId === null || companyId === "") return { kind: "platform" };
    if (!isId(companyId))
      throw new ApiError("validation_failed", undefined, { details: [{ field: "companyId", message: "Not a company id." }] });
    return { kind: "company", companyId };
  }
  if (caller.cid && hasPermission(caller, "health:read")) return { kind: "company", companyId: caller.cid };
  throw new ApiError("forbidden", "This needs the health:read permission.");
}
