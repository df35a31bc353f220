import type { LimitOverrides, Tier } from "@/lib/db/schema/companies";

/** SPEC "Rate limiting": a company's tier multiplies its company, endpoint and resource limits. */
export const TIER_MULTIPLIER = { FREE: 1, PRO: 3, ENTERPRISE: 10, UNLIMITED: 50 } as const satisfies Record<Tier, number>;

/** Endpoint groups of layer 4 (per principal, per hour, × tier). `team` counts as settings per SPEC. */
export const ENDPOINT_LIMITS = {
  dashboard: 100,
  calls: 300,
  appointments: 200,
  customers: 150,
  analytics: 50,
  settings: 30,
  billing: 20,
  team: 30,
  // Not in the design card: platform admin API and the live health view (a page polls it).
  admin: 600,
  health: 600,
} as const satisfies Record<string, number>;

export type EndpointGroup = keyof typeof ENDPOINT_LIMITS;

/** Layer 5: creations and expensive jobs per company per hour (× tier). */
export const RESOURCE_LIMITS = {
  apiKeys: 10,
  exports: 10,
  invites: 20,
  bookings: 100,
  outboundCalls: 50,
  reports: 10,
} as const satisfies Record<string, number>;

export type ResourceType = keyof typeof RESOURCE_LIMITS;

/** Layer 5 hard caps on counts, by tier (checked where the row is created, against MySQL). */
export const RESOURCE_CAPS = {
  apiKeys: { FREE: 5, PRO: 25, ENTERPRISE: 100, UNLIMITED: 1000 },
  members: { FREE: 3, PRO: 15, ENTERPRISE: 100, UNLIMITED: 10_000 },
} as const satisfies Record<string, Record<Tier, number>>;

export type FailureMode = "open" | "closed";

/**
 * The five layers. `failure` is what a layer does when Redis cannot answer in time: "open" admits
 * through the in-memory per-instance fallback limiter, "closed" refuses with 503.
 */
export const LAYERS = {
  global: { perHour: 1000, perMinute: 50, failure: "open" },
  user: { perHour: 500, failure: "open" },
  company: { basePerHour: 2000, failure: "open" },
  endpoint: { failure: "open" },
  resource: { failure: "closed" },
} as const satisfies Record<string, { failure: FailureMode } & Record<string, unknown>>;

export type LayerName = keyof typeof LAYERS | "global_burst";

/**
 * While Redis is away, the fallback limiter's `Retry-After` / reset is at most this: its windows are
 * per instance and end when Redis returns, so a client that obeys it must not stay away for the rest
 * of an hour that Redis's own counters would not impose.
 */
export const FALLBACK_MAX_RESET_SEC = 30;

/** How long Redis has to answer before the failure policy applies. */
export const REDIS_DECISION_TIMEOUT_MS = 250;

function override(overrides: LimitOverrides | null | undefined, layer: keyof LimitOverrides, key: string): number | undefined {
  const v = overrides?.[layer]?.[key];
  return typeof v === "number" && v > 0 ? v : undefined;
}

/** A company's effective limits for the layers that depend on it: tier × base, unless a platform admin overrode it. */
export function companyLimits(tier: Tier, overrides: LimitOverrides | null | undefined) {
  const m = TIER_MULTIPLIER[tier];
  const endpoint = Object.fromEntries(
    Object.entries(ENDPOINT_LIMITS).map(([group, base]) => [group, override(overrides, "endpoint", group) ?? base * m]),
  ) as Record<EndpointGroup, number>;
  const resource = Object.fromEntries(
    Object.entries(RESOURCE_LIMITS).map(([type, base]) => [type, override(overrides, "resource", type) ?? base * m]),
  ) as Record<ResourceType, number>;
  return {
    companyPerHour: override(overrides, "company", "perHour") ?? LAYERS.company.basePerHour * m,
    userPerHour: override(overrides, "user", "perHour") ?? LAYERS.user.perHour,
    endpoint,
    resource,
  };
}

export function resourceCap(resource: keyof typeof RESOURCE_CAPS, tier: Tier, overrides: LimitOverrides | null | undefined): number {
  return override(overrides, "resource", `${resource}Cap`) ?? RESOURCE_CAPS[resource][tier];
}
