import { withTimeout } from "@/lib/health/with-timeout";
import { errorForLog, logger } from "@/lib/log/logger";
import { recordFallback } from "@/lib/metrics/recorder";
import { getRedis } from "@/lib/redis/client";
import { registryKeys } from "./keys";
import { loadRegistryConfig } from "./load-registry-config";
import type { RegistryConfig, ServiceConfig } from "./types";

/** Redis keeps the merged config this long without a refresh (every health round refreshes it). */
const CONFIG_TTL_SECONDS = 300;
/** Each app instance re-reads Redis at most this often: in-process services then cost no Redis trip per request. */
const MEMO_MS = 5_000;
/** A registry read that takes longer is treated as failed (the client's own retries take seconds while Redis is down). */
const READ_TIMEOUT_MS = 300;

const holder = globalThis as typeof globalThis & { __switchboardRegistryMemo?: { config: RegistryConfig; at: number } };

function parse(value: unknown): RegistryConfig | null {
  if (typeof value === "string") {
    try {
      return JSON.parse(value) as RegistryConfig;
    } catch {
      return null;
    }
  }
  return value && typeof value === "object" && Array.isArray((value as RegistryConfig).services) ? (value as RegistryConfig) : null;
}

/** Reloads the registry from MySQL and env and publishes it to every app instance (Redis); this process keeps it even when Redis refuses it. */
export async function refreshRegistry(now = Date.now()): Promise<RegistryConfig> {
  const config = await loadRegistryConfig(now);
  holder.__switchboardRegistryMemo = { config, at: now };
  await getRedis().set(registryKeys.config(), JSON.stringify(config), { ex: CONFIG_TTL_SECONDS });
  return config;
}

/**
 * The registry all app instances agree on: Redis, filled from MySQL on a miss; memoized per process
 * for 5 s. When Redis (or the refill) fails, the last known config answers — else MySQL's, else every
 * service in-process with the env's remote ones — and is kept another 5 s, so an outage costs one
 * failed Redis trip per instance every 5 s, never a 500.
 */
export async function getRegistryConfig(now = Date.now()): Promise<RegistryConfig> {
  const memo = holder.__switchboardRegistryMemo;
  if (memo && now - memo.at < MEMO_MS) return memo.config;
  try {
    const cached = parse(await withTimeout(getRedis().get(registryKeys.config()), READ_TIMEOUT_MS, "registry read"));
    if (!cached) return await refreshRegistry(now);
    holder.__switchboardRegistryMemo = { config: cached, at: now };
    return cached;
  } catch (err) {
    return lastKnownConfig(now, err);
  }
}

async function lastKnownConfig(now: number, err: unknown): Promise<RegistryConfig> {
  recordFallback("registry");
  logger().warn({ ...errorForLog(err) }, "registry: Redis unavailable, answering from the last known config");
  const known = holder.__switchboardRegistryMemo?.config;
  const config = known ?? (await loadRegistryConfig(now).catch(() => loadRegistryConfig(now, { withDb: false })));
  holder.__switchboardRegistryMemo = { config, at: now };
  return config;
}

export async function getServiceConfig(name: string): Promise<ServiceConfig | null> {
  return (await getRegistryConfig()).services.find((s) => s.name === name) ?? null;
}

/** Should this service's route handlers forward to remote instances? */
export async function isRemoteService(name: string): Promise<boolean> {
  const svc = await getServiceConfig(name);
  return svc?.mode === "remote" && svc.instances.length > 0;
}
