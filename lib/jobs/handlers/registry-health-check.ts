import { runRegistryHealthChecks } from "@/lib/registry/run-health-checks";
import type { JobHandler } from "../handler";

/** Checks every remote service instance (TCP + GET /health) and records healthy/unhealthy for all app instances. */
export const registryHealthCheck: JobHandler<"registry-health-check"> = async (_payload, ctx) => {
  const result = await runRegistryHealthChecks();
  if (result.changed.length > 0) ctx.log.info({ changed: result.changed }, "registry instance health changed");
  return { checked: result.checked, unhealthy: result.unhealthy };
};
