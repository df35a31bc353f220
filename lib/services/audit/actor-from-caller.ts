import type { Role } from "@/lib/auth/roles";
import type { GatewayContext } from "@/lib/gateway/context";

/** Who is acting, as services need it: for permission narrowing and for the audit trail. */
export interface Actor {
  userId: string | null;
  apiKeyId: string | null;
  role: Role | null;
  /** An API key's own scopes (a key can never hand out more than it holds). */
  scopes: string[] | null;
  isPlatformAdmin: boolean;
  ip: string | null;
  requestId: string | null;
}

/** The actor of a request, from the verified gateway context only. */
export function actorFromCaller(caller: GatewayContext, requestId: string): Actor {
  return {
    userId: caller.auth === "api_key" ? null : caller.uid,
    apiKeyId: caller.auth === "api_key" ? caller.kid : null,
    role: caller.auth === "api_key" ? null : caller.role,
    scopes: caller.auth === "api_key" ? (caller.scopes ?? []) : null,
    isPlatformAdmin: caller.auth === "api_key" ? false : caller.pa,
    ip: caller.ip || null,
    requestId,
  };
}
