import type { InstanceStatus } from "@/lib/db/schema/service-instances";
import type { ServiceMode } from "@/lib/db/schema/services";

export type { InstanceStatus, ServiceMode };

/** Where a service or an instance is declared. */
export type RegistrySource = "default" | "db" | "env";

export interface InstanceConfig {
  /** service_instances.id; null for instances declared in env. */
  id: string | null;
  /** Base URL without a trailing slash; `<url>/health` is its health check. */
  url: string;
  source: Exclude<RegistrySource, "default">;
}

export interface ServiceConfig {
  name: string;
  version: string;
  mode: ServiceMode;
  source: RegistrySource;
  instances: InstanceConfig[];
}

export interface RegistryConfig {
  services: ServiceConfig[];
  /** Epoch ms. */
  loadedAt: number;
}

/** An instance's health as the last check (or a failed forward) left it; shared by all app instances through Redis. */
export interface InstanceHealth {
  status: InstanceStatus;
  /** Epoch ms. */
  lastCheckedAt: number | null;
  /** A short reason (`tcp: ECONNREFUSED`, `http 503`, `timeout`); never a response body. */
  lastError: string | null;
  consecutiveFailures: number;
  latencyMs: number | null;
}

export const UNKNOWN_HEALTH: InstanceHealth = {
  status: "unknown",
  lastCheckedAt: null,
  lastError: null,
  consecutiveFailures: 0,
  latencyMs: null,
};
