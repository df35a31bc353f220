import { redisEnv } from "@/lib/env/redis";
import type { ApiKeyRecord } from "@/lib/gateway/records";
import { POLICY_VERSION } from "@/lib/gateway/records";
import type { Tier } from "@/lib/db/schema/companies";
import { VERSION_TTL_MS } from "@/lib/cache/version-ttl-ms";
import { inSpan } from "@/lib/tracing/tracer";
import { lastKnownCompanyRecord, rememberCompanyRecord } from "./last-known-companies";
import { decideInMemory, type MemoryLayer } from "./memory-fallback";
import {
  ENDPOINT_LIMITS,
  FALLBACK_MAX_RESET_SEC,
  LAYERS,
  TIER_MULTIPLIER,
  type EndpointGroup,
  type LayerName,
  type ResourceType,
} from "./policy";
import { restTransport } from "./rest-transport";
import { gatewayRedisTrips, isTimeout, transportName, type DecisionTransport } from "./transport";

export interface DecisionInput {
  ip: string;
  /** Who is asking: nobody, a person (session or bearer token), or an API key (by hash). */
  auth: "anon" | "user" | "key";
  /** User id for people, SHA-256 of the secret for keys; empty for anonymous callers. */
  principal: string;
  /** The person's company (keys carry theirs in their record). */
  companyId?: string | null;
  group?: EndpointGroup | null;
  resource?: ResourceType | null;
  /** Layer 1 (per IP): anonymous requests and the sign-in/token/refresh endpoints. */
  applyGlobal: boolean;
  /**
   * People: the session generation their cookie or access token was issued under; refused when the
   * person's record (`us:<id>`) is newer. The pipeline always passes it; undefined skips the check.
   */
  generation?: number;
  /** Check authentication, suspension and every layer, consume nothing (a prefetch of a page). */
  peek?: boolean;
  now?: number;
  /** Layer 1 and 2 limits; tests pass small ones. */
  limits?: { globalPerHour?: number; globalPerMinute?: number; userPerHour?: number };
}

/** The edge records a decision can miss (lib/gateway/records.ts), reloaded through lib/gateway/resolve.ts. */
export type RecordKind = "key" | "company" | "user";

export type Decision =
  | { kind: "miss"; what: RecordKind; id: string }
  | { kind: "deny"; reason: "key_unknown" | "key_revoked" | "key_expired" | "suspended" | "session_ended" }
  | {
      kind: "ok" | "limited";
      /** The most restrictive layer (admitted) or the one that refused; null when no layer applies. */
      layer: LayerName | null;
      limit: number;
      remaining: number;
      resetSec: number;
      windowSec: number;
      companyId: string | null;
      tier: Tier | null;
      key: ApiKeyRecord | null;
      touch: boolean;
      /** Decided without Redis by the per-instance fallback. */
      degraded: boolean;
      /** The company's cache epoch as of this decision ("" when unknown): lib/cache/epoch.ts. */
      cacheEpoch: string;
    }
  | { kind: "unavailable"; layer: LayerName; retryAfterSec: number };

let tcp: Promise<DecisionTransport> | undefined;

/**
 * TCP where the operator asked for it (Node: the self-hosted build), else REST. The TCP adapter is
 * loaded on first use only, so nothing Node-only is evaluated where the REST one is used.
 */
async function transport(): Promise<DecisionTransport> {
  if (transportName() !== "tcp") return restTransport;
  tcp ??= import("./tcp-transport").then((m) => m.tcpTransport);
  return tcp;
}

/** A decision the fallback refuses when Redis is late (fail-closed layers): it must consume nothing. */
function refusedWithoutRedis(input: DecisionInput): boolean {
  return input.auth === "key" || (!!input.resource && LAYERS.resource.failure === "closed");
}

/**
 * How many instances share the fallback's limits while Redis is away (GATEWAY_FALLBACK_INSTANCES,
 * default 1): each admits limit ÷ N, so N instances together stay near the limit. Unset, N instances
 * admit up to N× a limit during an outage (the price of staying up; health shows `degraded`).
 */
function fallbackInstances(): number {
  const configured = Math.floor(Number(process.env.GATEWAY_FALLBACK_INSTANCES));
  return Number.isFinite(configured) && configured > 1 ? configured : 1;
}

function parse(raw: unknown[]): Decision {
  const [kind, a, b, c, d, e, cid, tier, keyJson, touch, companyJson, epoch] = raw as [string, string, ...unknown[]];
  if (kind === "miss") return { kind, what: a as RecordKind, id: String(b) };
  if (kind === "deny") return { kind, reason: a as "key_unknown" };
  if (typeof cid === "string" && cid && typeof companyJson === "string" && companyJson) rememberCompanyRecord(cid, companyJson);
  return {
    kind: kind as "ok" | "limited",
    layer: (a || null) as LayerName | null,
    limit: Number(b),
    remaining: Math.max(0, Number(c)),
    resetSec: Math.max(0, Number(d)),
    windowSec: Number(e),
    companyId: (cid as string) || null,
    tier: ((tier as string) || null) as Tier | null,
    key: typeof keyJson === "string" && keyJson.length > 1 ? (JSON.parse(keyJson) as ApiKeyRecord) : null,
    touch: Number(touch) === 1,
    degraded: false,
    cacheEpoch: typeof epoch === "string" ? epoch : "",
  };
}

/**
 * Step 3 of the request path: one EVALSHA decides authentication of an API key, a person's session
 * generation, the company's status and all five layers (see script.ts). When Redis does not answer within the deadline,
 * each layer's failure policy applies: "closed" layers refuse (503), "open" ones fall back to the
 * per-instance limiter (a person's session generation cannot be checked then: sessions fail open
 * with the user layer).
 */
export function decide(input: DecisionInput): Promise<Decision> {
  // Off by default (no SDK: the API's no-op). Attributes name the outcome, never a tenant, person or key.
  return inSpan("gateway decision", { "switchboard.gateway.auth": input.auth }, async (span) => {
    const trips = { n: 0, transport: "" };
    const d = await decideOnce(input, trips);
    span.setAttributes({
      "switchboard.gateway.transport": trips.transport,
      "switchboard.gateway.redis_trips": trips.n,
      "switchboard.gateway.outcome": d.kind === "deny" ? `deny:${d.reason}` : d.kind,
      "switchboard.gateway.layer": "layer" in d ? (d.layer ?? "") : d.kind === "miss" ? `record:${d.what}` : "",
      "switchboard.gateway.degraded": d.kind === "ok" || d.kind === "limited" ? d.degraded : d.kind === "unavailable",
    });
    return d;
  });
}

async function decideOnce(input: DecisionInput, tripsOut: { n: number; transport: string }): Promise<Decision> {
  const now = input.now ?? Date.now();
  const env = redisEnv();
  // Only decisions that a late Redis turns into refusals are noted for a refund (people fail open).
  const decisionId = refusedWithoutRedis(input) && !input.peek ? crypto.randomUUID() : "";
  const args = [
    String(now),
    env.REDIS_KEY_PREFIX,
    input.ip,
    input.auth,
    input.principal,
    input.companyId ?? "",
    input.group ?? "",
    input.resource ?? "",
    input.applyGlobal ? "1" : "0",
    String(input.limits?.globalPerHour ?? LAYERS.global.perHour),
    String(input.limits?.globalPerMinute ?? LAYERS.global.perMinute),
    String(input.limits?.userPerHour ?? LAYERS.user.perHour),
    POLICY_VERSION,
    String(Math.floor(now / 1000)),
    input.auth === "user" && input.generation !== undefined ? String(input.generation) : "",
    input.peek ? "1" : "0",
    decisionId,
    String(VERSION_TTL_MS),
  ];
  const redis = await transport();
  const trips = gatewayRedisTrips();
  trips[redis.name]++;
  tripsOut.transport = redis.name;
  tripsOut.n++;
  try {
    return parse(await redis.decide(args));
  } catch (err) {
    // Gave up waiting, but the script may still have run: a request the fallback refuses gets back
    // whatever it consumed (one more trip, on the refusal path only, with the same deadline). EVAL,
    // not EVALSHA: a rare script is never loaded, and a NOSCRIPT answer would arrive too late to resend.
    if (decisionId && isTimeout(err)) {
      trips[redis.name]++;
      tripsOut.n++;
      await redis.refund([env.REDIS_KEY_PREFIX, decisionId]).catch(() => undefined);
    }
    return decideWithoutRedis(input, now);
  }
}

function decideWithoutRedis(input: DecisionInput, now: number): Decision {
  // Without Redis an API key cannot be checked, and resource layers fail closed by policy.
  if (input.auth === "key") return { kind: "unavailable", layer: "endpoint", retryAfterSec: 5 };
  if (refusedWithoutRedis(input)) return { kind: "unavailable", layer: "resource", retryAfterSec: 5 };

  // The company's own limits as this instance last saw them (its tier and overrides), else the base
  // tier, the safe side; each divided among the instances that share them.
  const company = input.companyId ? lastKnownCompanyRecord(input.companyId) : undefined;
  const share = fallbackInstances();
  const perInstance = (limit: number) => Math.max(1, Math.floor(limit / share));
  const layers: MemoryLayer[] = [];
  if (input.applyGlobal) {
    layers.push({ name: "global", key: `g:${input.ip}`, limit: input.limits?.globalPerHour ?? LAYERS.global.perHour, windowSec: 3600 });
    layers.push({
      name: "global_burst",
      key: `gb:${input.ip}`,
      limit: input.limits?.globalPerMinute ?? LAYERS.global.perMinute,
      windowSec: 60,
    });
  }
  if (input.auth === "user") {
    layers.push({
      name: "user",
      key: `u:${input.principal}`,
      limit: perInstance(company?.limits.userPerHour ?? input.limits?.userPerHour ?? LAYERS.user.perHour),
      windowSec: 3600,
    });
    if (input.companyId)
      layers.push({
        name: "company",
        key: `c:${input.companyId}`,
        limit: perInstance(company?.limits.companyPerHour ?? LAYERS.company.basePerHour * TIER_MULTIPLIER.FREE),
        windowSec: 3600,
      });
    if (input.group)
      layers.push({
        name: "endpoint",
        key: `e:${input.principal}:${input.group}`,
        limit: perInstance(company?.limits.endpoint[input.group] ?? ENDPOINT_LIMITS[input.group]),
        windowSec: 3600,
      });
  }
  const d = decideInMemory(layers, now);
  return {
    kind: d.allowed ? "ok" : "limited",
    layer: (d.layer?.name ?? null) as LayerName | null,
    limit: d.layer?.limit ?? 0,
    remaining: d.remaining,
    // Never longer than a short window: the fallback ends when Redis answers again.
    resetSec: Math.min(FALLBACK_MAX_RESET_SEC, Math.max(0, Math.ceil((d.resetAt - now) / 1000))),
    windowSec: d.layer?.windowSec ?? 0,
    companyId: input.companyId ?? null,
    tier: company?.tier ?? null,
    key: null,
    touch: false,
    degraded: true,
    cacheEpoch: "",
  };
}
