import { isLiveProduction } from "@/lib/env/live-production";
import { LOCAL_FAKE_PORTS } from "@/lib/integrations/local-defaults";
import type { Vendor } from "@/lib/integrations/http/vendor-error";

export const VENDORS: Vendor[] = ["retell", "calcom", "stripe", "sendgrid"];

const isLocal = (url: URL) => ["127.0.0.1", "localhost"].includes(url.hostname);

/** FAKE_<VENDOR>_PORT, else the port of a local <VENDOR>_API_URL, else 4010 retell, 4011 calcom, 4012 stripe, 4013 sendgrid. */
export function fakePortFor(vendor: Vendor, env: NodeJS.ProcessEnv = process.env): number {
  const explicit = env[`FAKE_${vendor.toUpperCase()}_PORT`];
  if (explicit) return Number(explicit);
  const apiUrl = env[`${vendor.toUpperCase()}_API_URL`];
  if (apiUrl) {
    const url = new URL(apiUrl);
    if (isLocal(url) && url.port) return Number(url.port);
  }
  return LOCAL_FAKE_PORTS[vendor];
}

/**
 * The app talks to the fakes (nothing points a vendor at a real address): the launcher starts them.
 * Never in live production, where an unset vendor URL means the vendor itself.
 */
export function allVendorsLocal(env: NodeJS.ProcessEnv = process.env): boolean {
  if (isLiveProduction(env)) return false;
  return VENDORS.every((v) => {
    const apiUrl = env[`${v.toUpperCase()}_API_URL`];
    return !apiUrl || isLocal(new URL(apiUrl));
  });
}
