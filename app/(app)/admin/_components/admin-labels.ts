import { ENDPOINT_LIMITS, TIER_MULTIPLIER } from "@/lib/gateway/rate-limit/policy";
import type { Tier } from "@/lib/db/schema/companies";
import type { EffectiveLimit } from "@/lib/services/admin/schemas";

/** The tiers in price order, from the policy table (client-safe: no drizzle in the page bundle). */
export const TIER_LIST = Object.keys(TIER_MULTIPLIER) as Tier[];

export const LAYER_LABELS: Record<EffectiveLimit["layer"], { title: string; description: string }> = {
  company: { title: "Company", description: "Every request of the company, per hour." },
  user: { title: "Person", description: "Each signed-in person or API key, per hour." },
  endpoint: { title: "Endpoint groups", description: "Per person or key and group, per hour." },
  resource: { title: "Resources", description: "Creations per hour, and hard caps on counts." },
};

const RESOURCE_LABELS: Record<string, string> = {
  apiKeys: "API keys created",
  exports: "Exports",
  invites: "Invites sent",
  bookings: "Bookings",
  outboundCalls: "Outbound calls",
  reports: "Reports",
  apiKeysCap: "API keys (most at once)",
  membersCap: "Members (most at once)",
};

/** A hard cap counts rows; every other limit counts per hour. */
export const isCap = (key: string) => key.endsWith("Cap");

/** What a limit is called on the page, with its unit: "Requests per hour", "Calls / h", "API keys (most at once)". */
export function limitLabel(layer: EffectiveLimit["layer"], key: string): string {
  if (layer === "company" || layer === "user") return "Requests per hour";
  const name =
    layer === "endpoint" && key in ENDPOINT_LIMITS ? `${key.charAt(0).toUpperCase()}${key.slice(1)}` : (RESOURCE_LABELS[key] ?? key);
  return isCap(key) ? name : `${name} / h`;
}

export const formatCount = (n: number) => n.toLocaleString("en-US");
