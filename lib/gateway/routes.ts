import type { EndpointGroup, ResourceType } from "./rate-limit/policy";

/**
 * How the gateway treats a path:
 * - "exempt": no authentication or limits at the edge (health probes, internal calls that carry their
 *   own HMAC, static files);
 * - "webhook": vendor deliveries — no identity; a size cap and layer 1 per vendor and IP at the edge
 *   (lib/gateway/webhook-guard.ts), the signature in the route;
 * - "public": anyone, limited per IP (sign-in, token, refresh, the OpenAPI document);
 * - "protected": an identity is required (API), limited by user, company, endpoint group, resource;
 * - "page": dashboard pages — the page checks the session itself; anonymous visitors are limited per IP.
 */
export type Access = "exempt" | "webhook" | "public" | "protected" | "page";

export interface RouteClass {
  access: Access;
  group: EndpointGroup | null;
  resource: ResourceType | null;
}

const V1_GROUPS: Record<string, EndpointGroup> = {
  dashboard: "dashboard",
  calls: "calls",
  exports: "calls",
  appointments: "appointments",
  calendar: "appointments",
  customers: "customers",
  analytics: "analytics",
  settings: "settings",
  "api-keys": "settings",
  profile: "settings",
  me: "settings",
  billing: "billing",
  team: "team",
  invites: "team",
  admin: "admin",
};

/** Creations and expensive jobs (layer 5), by method and path. */
const RESOURCES: Array<[method: string, pattern: RegExp, resource: ResourceType]> = [
  ["POST", /^\/api\/v1\/api-keys$/, "apiKeys"],
  ["POST", /^\/api\/v1\/api-keys\/[^/]+\/rotate$/, "apiKeys"],
  ["POST", /^\/api\/v1\/calls\/export$/, "exports"],
  ["POST", /^\/api\/v1\/calls$/, "outboundCalls"],
  ["POST", /^\/api\/v1\/appointments$/, "bookings"],
  ["POST", /^\/api\/v1\/team\/invites$/, "invites"],
  ["POST", /^\/api\/v1\/team\/invites\/[^/]+\/resend$/, "invites"],
  ["POST", /^\/api\/v1\/analytics\/reports$/, "reports"],
];

const EXEMPT = [/^\/api\/health(\/|$)/, /^\/api\/ping$/, /^\/api\/internal\//, /^\/_next\//, /^\/favicon\.ico$/];
/** next-auth: only the credential check is worth limiting; session/csrf/providers are read constantly by the app. */
const NEXTAUTH_LIMITED = /^\/api\/auth\/(callback|signin)(\/|$)/;

export function classifyRoute(method: string, path: string): RouteClass {
  if (EXEMPT.some((re) => re.test(path))) return { access: "exempt", group: null, resource: null };
  if (path.startsWith("/api/webhooks/")) return { access: "webhook", group: null, resource: null };
  if (path.startsWith("/api/auth/")) return { access: NEXTAUTH_LIMITED.test(path) ? "public" : "exempt", group: null, resource: null };
  // Accepting an invite: whoever holds the link, signed out included (the token is the credential).
  if (
    path === "/api/v1/auth/token" ||
    path === "/api/v1/auth/refresh" ||
    path === "/api/openapi.json" ||
    path === "/api/v1/invites/accept"
  ) {
    return { access: "public", group: null, resource: null };
  }
  if (path.startsWith("/api/gateway/") || path === "/api/metrics") return { access: "protected", group: "health", resource: null };
  if (path.startsWith("/api/v1/")) {
    const segment = path.split("/")[3] ?? "";
    const resource = RESOURCES.find(([m, re]) => m === method && re.test(path))?.[2] ?? null;
    return { access: "protected", group: V1_GROUPS[segment] ?? "dashboard", resource };
  }
  if (path.startsWith("/api/")) return { access: "protected", group: "dashboard", resource: null };
  return { access: "page", group: null, resource: null };
}
