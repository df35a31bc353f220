import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companySettings } from "@/lib/db/schema/company-settings";
import { VENDORS } from "@/lib/integrations/http/vendor-error";
import { calcomWebhookUrl } from "@/lib/services/settings/calcom-webhook-url";
import { credentialsBlobOf } from "@/lib/services/settings/credential-meta";
import { describeCompanyCredential } from "@/lib/services/settings/describe-company-credential";
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
  const [credentials, breakers, failures, [stored]] = await Promise.all([
    Promise.all(VENDORS.map((vendor) => vendorCredential(companyId, vendor))),
    readVendorBreakers(),
    Promise.all(VENDORS.map((vendor) => lastBreakerFailure(vendor))),
    getDb()
      .select({ settings: companySettings.settings, calcomSecret: companySettings.calcomWebhookSecretEnc })
      .from(companySettings)
      .where(eq(companySettings.companyId, companyId))
      .limit(1),
  ]);
  const blob = credentialsBlobOf(stored?.settings);
  const own = await Promise.all(
    VENDORS.map((vendor, i) => {
      const c = credentials[i]!;
      if (c.state !== "ok" || c.source !== "company" || vendor === "stripe") return null;
      return describeCompanyCredential(blob.credentials?.[vendor] ?? null, c.value);
    }),
  );
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
      companyCredential: own[i] ?? null,
      webhook:
        vendor === "calcom"
          ? {
              url: calcomWebhookUrl(companyId),
              secretSet: Boolean(stored?.calcomSecret),
              secretSetAt: blob.calcomWebhookSecretSetAt ?? null,
            }
          : null,
    };
  });
}
