import { eq, sql } from "drizzle-orm";
import { credentialContext, decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import type { Db } from "../client";
import { companySettings } from "../schema";
import { DEMO_COMPANIES, DEMO_CREDENTIALS, type DemoCompanyKey } from "./demo-accounts";
import { keep } from "./keep";

const CREDENTIAL_COLUMNS = {
  retellApiKeyEnc: ["retell_api_key_enc", "retellApiKey"],
  calcomApiKeyEnc: ["calcom_api_key_enc", "calcomApiKey"],
  calcomWebhookSecretEnc: ["calcom_webhook_secret_enc", "calcomWebhookSecret"],
  sendgridApiKeyEnc: ["sendgrid_api_key_enc", "sendgridApiKey"],
} as const;

/**
 * Business hours and the demo integration credentials, encrypted. A stored envelope that still
 * decrypts to the demo value is kept (a fresh IV would change the row on every run).
 */
export async function seedCompanySettings(db: Db, key: DemoCompanyKey, companyId: string): Promise<void> {
  const company = DEMO_COMPANIES[key];
  const creds = DEMO_CREDENTIALS[key];
  const [stored] = await db.select().from(companySettings).where(eq(companySettings.companyId, companyId));
  const encrypted = Object.fromEntries(
    Object.entries(CREDENTIAL_COLUMNS).map(([field, [column, source]]) => {
      const context = credentialContext(companyId, column);
      const current = stored?.[field as keyof typeof CREDENTIAL_COLUMNS];
      return [field, current && decryptsTo(current, context, creds[source]) ? current : encryptSecret(creds[source], context)];
    }),
  ) as Record<keyof typeof CREDENTIAL_COLUMNS, string>;
  const row = {
    companyId,
    businessHours: company.businessHours,
    ...encrypted,
    retellAgentId: creds.retellAgentId,
    retellPhoneNumber: company.phone,
    calcomEventTypeId: creds.calcomEventTypeId,
    sendgridFromEmail: `hello@${company.slug}.test`,
  };
  await db
    .insert(companySettings)
    .values(row)
    .onDuplicateKeyUpdate({
      set: {
        businessHours: sql`VALUES(${companySettings.businessHours})`,
        retellApiKeyEnc: sql`VALUES(${companySettings.retellApiKeyEnc})`,
        retellAgentId: sql`VALUES(${companySettings.retellAgentId})`,
        retellPhoneNumber: sql`VALUES(${companySettings.retellPhoneNumber})`,
        calcomApiKeyEnc: sql`VALUES(${companySettings.calcomApiKeyEnc})`,
        calcomWebhookSecretEnc: sql`VALUES(${companySettings.calcomWebhookSecretEnc})`,
        calcomEventTypeId: sql`VALUES(${companySettings.calcomEventTypeId})`,
        sendgridApiKeyEnc: sql`VALUES(${companySettings.sendgridApiKeyEnc})`,
        sendgridFromEmail: sql`VALUES(${companySettings.sendgridFromEmail})`,
        updatedAt: keep(companySettings.updatedAt),
      },
    });
}

function decryptsTo(envelope: string, context: string, expected: string): boolean {
  try {
    return decryptSecret(envelope, context) === expected;
  } catch {
    return false;
  }
}
