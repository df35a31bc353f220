import type { Company, LimitOverrides, Tier } from "@/lib/db/schema/companies";
import { companyLimits, ENDPOINT_LIMITS, LAYERS, RESOURCE_LIMITS, TIER_MULTIPLIER } from "./rate-limit/policy";

/**
 * What the edge reads from Redis to authenticate and rate-limit without MySQL. Node code writes
 * these through on every change (create/revoke/rotate a key, tier/suspension/override change) and
 * the edge asks Node to load them on a miss (e.g. after a Redis flush): see lib/gateway/resolve.ts.
 * Keys hold only hashes and ids, never a secret.
 */
export interface ApiKeyRecord {
  id: string;
  companyId: string;
  scopes: string[];
  environment: "live" | "test";
  /** Epoch ms; null = never. */
  expiresAt: number | null;
  revokedAt: number | null;
  /** After a rotation the old key works until then (epoch ms). */
  graceExpiresAt: number | null;
  /** The row's updated_at (epoch ms): an older record never replaces a newer one in Redis. */
  ver: number;
}

export interface CompanyRecord {
  id: string;
  tier: Tier;
  status: "active" | "suspended";
  overrides: LimitOverrides | null;
  /** Effective limits, computed from the policy table when the record is written, so the edge script does no policy math. */
  limits: ReturnType<typeof companyLimits>;
  /** The policy the limits came from; the edge reloads a record written under another policy. */
  pv: string;
  /** The row's updated_at (epoch ms): an older record never replaces a newer one in Redis. */
  ver: number;
}

/**
 * A person's session generation (users.session_generation). Every session cookie and access token
 * carries the generation it was issued under; the gateway script refuses one older than this record,
 * so sign-out, a password change, a role change, removal and disabling end sessions at the edge.
 */
export interface UserRecord {
  id: string;
  gen: number;
  /** The generation itself: it only grows, so an older record never replaces a newer one. */
  ver: number;
}

/** Value stored for a hash no key has, so random keys do not reach MySQL on every try. */
export const NEGATIVE = "-";
export const NEGATIVE_TTL_SECONDS = 60;

/** Redis key names (before the app-wide prefix). */
export const recordKeys = {
  apiKey: (keyHash: string) => `ak:${keyHash}`,
  company: (companyId: string) => `co:${companyId}`,
  /** Also NEGATIVE for a user id MySQL does not have (deleted): every session of it is refused. */
  user: (userId: string) => `us:${userId}`,
};

/** FNV-1a of the policy table: changes whenever a limit in the code changes. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export const POLICY_VERSION = fingerprint(JSON.stringify({ TIER_MULTIPLIER, ENDPOINT_LIMITS, RESOURCE_LIMITS, LAYERS }));

export function companyRecordFromRow(
  row: Pick<Company, "id" | "tier" | "status" | "limitOverrides"> & { updatedAt?: Date },
): CompanyRecord {
  return {
    id: row.id,
    tier: row.tier,
    status: row.status,
    overrides: row.limitOverrides ?? null,
    limits: companyLimits(row.tier, row.limitOverrides),
    pv: POLICY_VERSION,
    ver: row.updatedAt?.getTime() ?? 0,
  };
}
