import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { serviceInstances } from "@/lib/db/schema/service-instances";
import { errorForLog, logger } from "@/lib/log/logger";
import { getRedis } from "@/lib/redis/client";
import { checkInstance } from "./check-instance";
import { registryEnv } from "./env";
import { readInstanceHealth } from "./instance-health";
import { registryKeys } from "./keys";
import { refreshRegistry } from "./registry-config";
import { UNKNOWN_HEALTH, type InstanceHealth, type InstanceStatus } from "./types";

export interface HealthRound {
  checked: number;
  unhealthy: number;
  changed: Array<{ service: string; url: string; from: InstanceStatus; to: InstanceStatus; error: string | null }>;
}

/**
 * One health round over every configured instance: reload the registry (so MySQL/env changes reach all
 * app instances), check each instance in parallel, and record healthy/unhealthy with the last error and
 * consecutive failures — in Redis for routing (one pipeline) and in service_instances for rows from MySQL.
 */
export async function runRegistryHealthChecks(opts: { timeoutMs?: number; now?: () => number } = {}): Promise<HealthRound> {
  const env = registryEnv();
  const timeoutMs = opts.timeoutMs ?? env.REGISTRY_HEALTH_TIMEOUT_MS;
  const now = opts.now ?? Date.now;
  const config = await refreshRegistry(now());
  const withInstances = config.services.filter((s) => s.instances.length > 0);
  const previous = await readInstanceHealth(withInstances.map((s) => s.name));

  const targets = withInstances.flatMap((svc) => svc.instances.map((inst) => ({ svc, inst })));
  const checks = await Promise.all(targets.map(({ inst }) => checkInstance(inst.url, timeoutMs)));

  const round: HealthRound = { checked: targets.length, unhealthy: 0, changed: [] };
  const p = getRedis().pipeline();
  const dbWrites: Array<Promise<unknown>> = [];
  const healthTtl = Math.max(300, Math.ceil((env.REGISTRY_HEALTH_INTERVAL_MS * 10) / 1000));
  targets.forEach(({ svc, inst }, i) => {
    const check = checks[i]!;
    const before = previous.get(svc.name)?.get(inst.url) ?? UNKNOWN_HEALTH;
    const after: InstanceHealth = {
      status: check.ok ? "healthy" : "unhealthy",
      lastCheckedAt: now(),
      lastError: check.error ?? (check.ok ? null : "unknown"),
      consecutiveFailures: check.ok ? 0 : before.consecutiveFailures + 1,
      latencyMs: check.latencyMs,
    };
    if (!check.ok) round.unhealthy++;
    if (after.status !== before.status)
      round.changed.push({ service: svc.name, url: inst.url, from: before.status, to: after.status, error: after.lastError });
    p.hset(registryKeys.health(svc.name), { [inst.url]: JSON.stringify(after) });
    if (inst.id) {
      dbWrites.push(
        getDb()
          .update(serviceInstances)
          .set({
            status: after.status,
            lastCheckedAt: new Date(after.lastCheckedAt!),
            lastError: after.lastError,
            consecutiveFailures: after.consecutiveFailures,
          })
          .where(eq(serviceInstances.id, inst.id)),
      );
    }
  });
  for (const svc of withInstances) {
    // Instances removed from the registry stop showing up; health of live ones expires if checks stop.
    const stale = [...(previous.get(svc.name)?.keys() ?? [])].filter((url) => !svc.instances.some((i) => i.url === url));
    if (stale.length > 0) p.hdel(registryKeys.health(svc.name), ...stale);
    p.expire(registryKeys.health(svc.name), healthTtl);
  }
  if (targets.length > 0) await p.exec();
  const failed = (await Promise.allSettled(dbWrites)).find((r) => r.status === "rejected");
  if (failed) logger().warn({ ...errorForLog(failed.reason), component: "registry" }, "could not record instance health in MySQL");
  return round;
}
