import { getRedis } from "@/lib/redis/client";
import { registryKeys } from "./keys";
import { loadRegistryConfig } from "./load-registry-config";
import type { RegistryConfig, ServiceConfig } from "./types";

/** Redis keeps the merged config this long without a refresh (every health round refreshes it). */
const CONFIG_TTL_SECONDS = 300;
/** Each app instance re-reads Redis at most this often: in-process services then cost no Redis trip per request. */
const MEMO_MS = 5_000;

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

/** Reloads the registry from MySQL and env and publishes it to every app instance (Redis). */
export async function refreshRegistry(now = Date.now()): Promise<RegistryConfig> {
  const config = await loadRegistryConfig(now);
  await getRedis().set(registryKeys.config(), JSON.stringify(config), { ex: CONFIG_TTL_SECONDS });
  holder.__switchboardRegistryMemo = { config, at: now };
  return config;
}

/** The registry all app instances agree on: Redis, filled from MySQL on a miss; memoized per process for 5 s. */
export async function getRegistryConfig(now = Date.now()): Promise<RegistryConfig> {
  const memo = holder.__switchboardRegistryMemo;
  if (memo && now - memo.at < MEMO_MS) return memo.config;
  const cached = parse(await getRedis().get(registryKeys.config()));
  if (!cached) return refreshRegistry(now);
  holder.__switchboardRegistryMemo = { config: cached, at: now };
  return cached;
}

export async function getServiceConfig(name: string): Promise<ServiceConfig | null> {
  return (await getRegistryConfig()).services.find((s) => s.name === name) ?? null;
}

/** Should this service's route handlers forward to remote instances? */
export async function isRemoteService(name: string): Promise<boolean> {
  const svc = await getServiceConfig(name);
  return svc?.mode === "remote" && svc.instances.length > 0;
}
