import { registryEnv } from "./env";
import { readInstanceHealth } from "./instance-health";
import { getRegistryConfig } from "./registry-config";
import { UNKNOWN_HEALTH, type InstanceHealth, type RegistrySource, type ServiceMode } from "./types";

export interface RegistrySnapshot {
  healthIntervalMs: number;
  services: Array<{
    name: string;
    version: string;
    mode: ServiceMode;
    source: RegistrySource;
    instances: Array<{ url: string; source: "db" | "env" } & InstanceHealth>;
  }>;
}

/** Every service with its mode, version and instances' health, for the health view. Two Redis trips at most. */
export async function registrySnapshot(): Promise<RegistrySnapshot> {
  const config = await getRegistryConfig();
  const health = await readInstanceHealth(config.services.filter((s) => s.instances.length > 0).map((s) => s.name));
  return {
    healthIntervalMs: registryEnv().REGISTRY_HEALTH_INTERVAL_MS,
    services: config.services.map((svc) => ({
      name: svc.name,
      version: svc.version,
      mode: svc.mode,
      source: svc.source,
      instances: svc.instances.map((inst) => ({
        url: inst.url,
        source: inst.source,
        ...(health.get(svc.name)?.get(inst.url) ?? UNKNOWN_HEALTH),
      })),
    })),
  };
}
