import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { credentialContext, encryptSecret } from "@/lib/crypto/encryption";
import { getDb } from "@/lib/db/client";
import { companySettings } from "@/lib/db/schema/company-settings";
import { IntegrationNotConfiguredError, resolveCredential, resolveCredentials } from "@/lib/integrations/credentials";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { findCompanyForRetellCall } from "@/lib/integrations/retell/find-company-for-call";
import { seedCompany } from "../helpers/seed-rows";

async function settingsFor(companyId: string, values: Partial<typeof companySettings.$inferInsert> = {}) {
  await getDb()
    .insert(companySettings)
    .values({ companyId, ...values });
}

describe("integration credentials", () => {
  it("decrypts the company's own credential, bound to its company and column", async () => {
    const companyId = await seedCompany();
    await settingsFor(companyId, {
      retellApiKeyEnc: encryptSecret("key_company_own_123", credentialContext(companyId, "retell_api_key_enc")),
    });
    expect(await resolveCredential(companyId, "retellApiKey")).toEqual({ value: "key_company_own_123", source: "company" });
  });

  it("falls back to the platform's credential (env) when the company has none", async () => {
    const companyId = await seedCompany();
    expect(await resolveCredential(companyId, "calcomApiKey")).toEqual({ value: LOCAL_DEFAULTS.calcomApiKey, source: "platform" });
    const all = await resolveCredentials(companyId);
    expect(all.sendgridApiKey).toEqual({ value: LOCAL_DEFAULTS.sendgridApiKey, source: "platform" });
    expect(Object.keys(all).sort()).toEqual(["calcomApiKey", "calcomWebhookSecret", "retellApiKey", "sendgridApiKey"]);
  });

  it("an envelope copied from another company does not decrypt and never falls back to the platform key", async () => {
    const [a, b] = [await seedCompany(), await seedCompany()];
    const envelope = encryptSecret("key_of_company_a", credentialContext(a, "retell_api_key_enc"));
    await settingsFor(b, { retellApiKeyEnc: envelope });
    await expect(resolveCredential(b, "retellApiKey")).rejects.toMatchObject({ status: 500, code: "internal_error" });
  });

  it("IntegrationNotConfiguredError is a 422 the settings page can explain", () => {
    expect(new IntegrationNotConfiguredError("retellApiKey")).toMatchObject({ status: 422, credential: "retellApiKey" });
  });

  it("finds the company of a Retell call by agent, else by the number it rang", async () => {
    const companyId = await seedCompany();
    const phone = `+1555${String(Date.now()).slice(-7)}`;
    const agent = `agent_${companyId}`;
    await settingsFor(companyId, { retellAgentId: agent, retellPhoneNumber: phone });
    expect(await findCompanyForRetellCall({ agent_id: agent })).toBe(companyId);
    expect(
      await findCompanyForRetellCall({ agent_id: "agent_unknown", to_number: phone, from_number: "+15550000000", direction: "inbound" }),
    ).toBe(companyId);
    expect(await findCompanyForRetellCall({ agent_id: "agent_unknown", to_number: "+15550000001" })).toBeNull();
    await getDb().delete(companySettings).where(eq(companySettings.companyId, companyId));
  });
});
