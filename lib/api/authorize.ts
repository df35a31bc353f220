import { ApiError } from "./errors";
import { roleHas, type Permission } from "@/lib/auth/permissions";
import { CONTEXT_HEADER, verifyContext, type GatewayContext } from "@/lib/gateway/context";
import { authEnv } from "@/lib/env/auth";
import type { BusinessService } from "@/lib/registry/services";

export interface AccessRule {
  /** "none": public route; "required": a verified gateway context with an identity. */
  auth: "none" | "required";
  /** Role permission for people, scope for API keys. */
  permission?: Permission;
  /** Platform admins only (the admin API). */
  platformAdmin?: boolean;
  /** The business service the route belongs to: when the registry points it at remote instances, the request is forwarded there. */
  service?: BusinessService;
}

/** An authenticated caller acting for a company. */
export interface Caller extends GatewayContext {
  cid: string;
}

/**
 * Step 6 of the request path on the Node side: the request must carry a context the gateway
 * signed for this very method and path (a request that skipped the middleware has none), then
 * role or scope must grant the permission.
 */
export async function authorize(req: Request, rule: AccessRule): Promise<GatewayContext | null> {
  const url = new URL(req.url);
  const ctx = await verifyContext(req.headers.get(CONTEXT_HEADER), authEnv().GATEWAY_SIGNING_SECRET, {
    method: req.method,
    path: url.pathname,
  });
  if (rule.auth === "none") return ctx;
  if (!ctx || ctx.auth === "anonymous") throw new ApiError("unauthorized");
  if (rule.platformAdmin && !ctx.pa) throw new ApiError("forbidden", "Platform admins only.");
  if (rule.permission && !hasPermission(ctx, rule.permission)) {
    throw new ApiError("forbidden", `This needs the ${rule.permission} permission.`);
  }
  if (!rule.platformAdmin && !ctx.cid) throw new ApiError("forbidden", "Choose a company first.");
  return ctx;
}

export function hasPermission(ctx: GatewayContext, permission: Permission): boolean {
  if (ctx.auth === "api_key") return (ctx.scopes ?? []).includes(permission);
  return ctx.pa || roleHas(ctx.role, permission);
}
