import { VENDORS } from "@/lib/integrations/http/vendor-error";
import { lastBreakerFailure } from "./last-breaker-failure";
import { hasProbe } from "./probe-vendor";
import { INTEGRATION_NAMES, type IntegrationStatus } from "./schemas";
import { readVendorBreakers } from "./vendor-breaker";
import { vendorCredential } from "./vendor-credential";

/**
 * Each integration for the company's settings page: whether a credential is set (its own or the
 * platform's), the vendor's breaker and the last time it opened. Reads only: nothing is sent to a vendor.
 */
export async function listIntegrationStatus(companyId: string): Promise<IntegrationStatus[]> {
  const [credentials, breakers, failures] = await Promise.all([
    Promise.all(VENDORS.map((vendor) => vendorCredential(companyId, vendor))),
    readVendorBreakers(),
    Promise.all(VENDORS.map((vendor) => lastBreakerFailure(vendor))),
  ]);
  return VENDORS.map((vendor, i) => {
    const credential = credentials[i]!;
    return {
      vendor,
      name: INTEGRATION_NAMES[vendor],
      configured: credential.state !== "missing",
      credentialSource: credential.state === "ok" ? credential.source : credential.state === "unreadable" ? "company" : null,
      credentialProblem: credential.state === "unreadable" ? "unreadable" : null,
      check: hasProbe(vendor) ? "read" : "send_only",
      breaker: breakers[vendor],
      lastFailure: failures[i]!,
    };
  });
}
