import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { serviceInstances } from "@/lib/db/schema/service-instances";
import { services } from "@/lib/db/schema/services";
import { registryEnv } from "./env";
import { normalizeInstanceUrl } from "./normalize-url";
import { BUSINESS_SERVICES, SERVICE_NAME } from "./services";
import type { RegistryConfig, ServiceConfig } from "./types";

const ENV_URLS = /^SERVICE_([A-Z0-9_]+)_URLS$/;

/** `SERVICE_CALLS_URLS=http://a,http://b` → calls: [http://a, http://b]. Names: `SERVICE_CALL_NOTES_URLS` → call-notes. */
export function servicesFromEnv(env: NodeJS.ProcessEnv = process.env): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(env)) {
    const m = ENV_URLS.exec(key);
    if (!m || !value) continue;
    const name = m[1]!.toLowerCase().replace(/_/g, "-");
    if (!SERVICE_NAME.test(name)) continue;
    const urls = value
      .split(",")
      .map(normalizeInstanceUrl)
      .filter((u): u is string => u !== null);
    if (urls.length > 0) out.set(name, [...new Set(urls)]);
  }
  return out;
}

/**
 * The registry from its sources: every business service in-process by default, then the services /
 * service_instances tables, then SERVICE_<NAME>_URLS (which makes that service remote and adds its
 * instances). One query; none with `withDb: false` (the last resort when neither Redis nor MySQL answers).
 */
export async function loadRegistryConfig(now = Date.now(), opts: { withDb?: boolean } = {}): Promise<RegistryConfig> {
  const version = registryEnv().SERVICE_VERSION;
  const byName = new Map<string, ServiceConfig>();
  for (const name of BUSINESS_SERVICES) byName.set(name, { name, version, mode: "in_process", source: "default", instances: [] });

  const rows =
    opts.withDb === false
      ? []
      : await getDb()
          .select({
            name: services.name,
            version: services.version,
            mode: services.mode,
            instanceId: serviceInstances.id,
            url: serviceInstances.url,
          })
          .from(services)
          .leftJoin(serviceInstances, eq(serviceInstances.serviceId, services.id));
  for (const row of rows) {
    let svc = byName.get(row.name);
    if (!svc || svc.source === "default") {
      svc = { name: row.name, version: row.version, mode: row.mode, source: "db", instances: [] };
      byName.set(row.name, svc);
    }
    const url = row.url ? normalizeInstanceUrl(row.url) : null;
    if (row.instanceId && url) svc.instances.push({ id: row.instanceId, url, source: "db" });
  }

  for (const [name, urls] of servicesFromEnv()) {
    const svc = byName.get(name) ?? { name, version, mode: "remote" as const, source: "env" as const, instances: [] };
    svc.mode = "remote";
    for (const url of urls) if (!svc.instances.some((i) => i.url === url)) svc.instances.push({ id: null, url, source: "env" });
    byName.set(name, svc);
  }

  const list = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const svc of list) svc.instances.sort((a, b) => a.url.localeCompare(b.url));
  return { services: list, loadedAt: now };
}
