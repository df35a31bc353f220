import { breakerStates, type BreakerSnapshot } from "@/lib/breaker/breaker-states";
import { breakerPolicy } from "@/lib/breaker/breaker-policy";
import type { Vendor } from "@/lib/integrations/http/vendor-error";
import type { IntegrationBreaker } from "./schemas";

/**
 * Every vendor's circuit breaker as the settings API shows it (two Redis trips for all four). The
 * vendors' clients call through breakers named after the vendor, so these are the ones that matter.
 */
export async function readVendorBreakers(now = Date.now()): Promise<Record<Vendor, IntegrationBreaker>> {
  const states = await breakerStates(now);
  const view = (vendor: Vendor) => toIntegrationBreaker(states.find((s) => s.name === vendor) ?? neverTripped(vendor));
  return { retell: view("retell"), calcom: view("calcom"), stripe: view("stripe"), sendgrid: view("sendgrid") };
}

export async function readVendorBreaker(vendor: Vendor, now = Date.now()): Promise<IntegrationBreaker> {
  return (await readVendorBreakers(now))[vendor];
}

function toIntegrationBreaker(s: BreakerSnapshot): IntegrationBreaker {
  return {
    state: s.state,
    since: s.since === null ? null : new Date(s.since).toISOString(),
    openUntil: s.openUntil === null ? null : new Date(s.openUntil).toISOString(),
    failuresInWindow: s.failuresInWindow,
    failureThreshold: s.policy.failureThreshold,
    windowSeconds: s.policy.windowSec,
    openSeconds: s.policy.openSec,
  };
}

/** breakerStates always lists the known vendors; this only guards against a table that lost one. */
function neverTripped(vendor: Vendor): BreakerSnapshot {
  return {
    name: vendor,
    state: "closed",
    since: null,
    cause: null,
    openUntil: null,
    failuresInWindow: 0,
    probesInFlight: 0,
    policy: breakerPolicy(vendor),
  };
}
