import { and, eq, notInArray } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { serviceInstances } from "@/lib/db/schema/service-instances";
import { services, type ServiceMode } from "@/lib/db/schema/services";
import { createId } from "@/lib/ids/create-id";
import { normalizeInstanceUrl } from "./normalize-url";
import { refreshRegistry } from "./registry-config";
import { SERVICE_NAME } from "./services";

export interface ServiceRegistration {
  name: string;
  version: string;
  mode: ServiceMode;
  /** The complete instance list: instances not listed are removed. */
  urls: string[];
}

/**
 * Declares a service in MySQL (operators, admin tooling, tests): upserts the services row, makes its
 * instances exactly `urls`, then publishes the registry to every app instance.
 */
export async function registerService(input: ServiceRegistration): Promise<void> {
  if (!SERVICE_NAME.test(input.name)) throw new Error(`Invalid service name: ${input.name}`);
  const urls = input.urls.map((u) => {
    const url = normalizeInstanceUrl(u);
    if (!url) throw new Error(`Invalid instance URL for ${input.name}`);
    return url;
  });
  await getDb().transaction(async (tx) => {
    await tx
      .insert(services)
      .values({ id: createId("service"), name: input.name, version: input.version, mode: input.mode })
      .onDuplicateKeyUpdate({ set: { version: input.version, mode: input.mode } });
    const [row] = await tx.select({ id: services.id }).from(services).where(eq(services.name, input.name)).limit(1);
    if (!row) throw new Error(`Service ${input.name} was not saved`);
    await tx
      .delete(serviceInstances)
      .where(
        urls.length > 0
          ? and(eq(serviceInstances.serviceId, row.id), notInArray(serviceInstances.url, urls))
          : eq(serviceInstances.serviceId, row.id),
      );
    for (const url of urls) {
      await tx
        .insert(serviceInstances)
        .values({ id: createId("serviceInstance"), serviceId: row.id, url })
        .onDuplicateKeyUpdate({ set: { url } });
    }
  });
  await refreshRegistry();
}
