import { ApiError } from "@/lib/api/errors";
import { IntegrationNotConfiguredError, resolveCredential, type CredentialName } from "@/lib/integrations/credentials";
import type { Vendor } from "@/lib/integrations/http/vendor-error";
import { integrationsEnv } from "@/lib/env/integrations";

export type VendorCredential =
  | { state: "ok"; value: string; source: "company" | "platform" }
  | { state: "missing" }
  /** Stored for the company but it does not decrypt (already logged by resolveCredential). */
  | { state: "unreadable" };

/** The credential each vendor's client acts with. Stripe bills through the platform's account only. */
const COMPANY_CREDENTIAL: Record<Exclude<Vendor, "stripe">, CredentialName> = {
  retell: "retellApiKey",
  calcom: "calcomApiKey",
  sendgrid: "sendgridApiKey",
};

/** The key a vendor's client would use for the company: its own, else the platform's (one query). */
export async function vendorCredential(companyId: string, vendor: Vendor): Promise<VendorCredential> {
  if (vendor === "stripe") {
    const key = integrationsEnv().STRIPE_SECRET_KEY;
    return key ? { state: "ok", value: key, source: "platform" } : { state: "missing" };
  }
  try {
    const { value, source } = await resolveCredential(companyId, COMPANY_CREDENTIAL[vendor]);
    return { state: "ok", value, source };
  } catch (err) {
    if (err instanceof IntegrationNotConfiguredError) return { state: "missing" };
    if (err instanceof ApiError && err.code === "internal_error") return { state: "unreadable" };
    throw err;
  }
}
