import { getRedis } from "@/lib/redis/client";
import { registryKeys } from "./keys";
import { UNKNOWN_HEALTH, type InstanceHealth } from "./types";

export function parseHealth(value: unknown): InstanceHealth {
  if (typeof value === "string") {
    try {
      return { ...UNKNOWN_HEALTH, ...(JSON.parse(value) as InstanceHealth) };
    } catch {
      return UNKNOWN_HEALTH;
    }
  }
  return value && typeof value === "object" ? { ...UNKNOWN_HEALTH, ...(value as InstanceHealth) } : UNKNOWN_HEALTH;
}

/** url → health for each named service, in one pipeline. */
export async function readInstanceHealth(serviceNames: string[]): Promise<Map<string, Map<string, InstanceHealth>>> {
  const out = new Map<string, Map<string, InstanceHealth>>();
  if (serviceNames.length === 0) return out;
  const p = getRedis().pipeline();
  for (const name of serviceNames) p.hgetall(registryKeys.health(name));
  const results = (await p.exec()) as Array<Record<string, unknown> | null>;
  serviceNames.forEach((name, i) => {
    out.set(name, new Map(Object.entries(results[i] ?? {}).map(([url, v]) => [url, parseHealth(v)])));
  });
  return out;
}
