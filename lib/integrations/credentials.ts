import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { credentialContext, decryptSecret } from "@/lib/crypto/encryption";
import { getDb, type Db } from "@/lib/db/client";
import { companySettings, type CompanySettings } from "@/lib/db/schema/company-settings";
import { integrationsEnv } from "@/lib/env/integrations";
import { errorForLog, logger } from "@/lib/log/logger";

/** Each encrypted credential: its field, its column (part of the encryption context) and the platform default. */
export const CREDENTIALS = {
  retellApiKey: { field: "retellApiKeyEnc", column: "retell_api_key_enc", platform: "RETELL_API_KEY" },
  calcomApiKey: { field: "calcomApiKeyEnc", column: "calcom_api_key_enc", platform: "CALCOM_API_KEY" },
  calcomWebhookSecret: { field: "calcomWebhookSecretEnc", column: "calcom_webhook_secret_enc", platform: "CALCOM_WEBHOOK_SECRET" },
  sendgridApiKey: { field: "sendgridApiKeyEnc", column: "sendgrid_api_key_enc", platform: "SENDGRID_API_KEY" },
} as const satisfies Record<string, { field: keyof CompanySettings; column: string; platform: string }>;

export type CredentialName = keyof typeof CREDENTIALS;

export interface ResolvedCredential {
  value: string;
  /** The company's own (decrypted from company_settings) or the platform's (env). */
  source: "company" | "platform";
}

/** The integration is set up neither for the company nor for the platform. */
export class IntegrationNotConfiguredError extends ApiError {
  readonly credential: CredentialName;

  constructor(credential: CredentialName) {
    super("unprocessable_entity", "This integration is not configured for the company. Add its credentials in Settings.");
    this.name = "IntegrationNotConfiguredError";
    this.credential = credential;
  }
}

/**
 * A company's credential for an integration: decrypted from company_settings (AES-256-GCM, bound to
 * the company and column), else the platform default from env. A stored envelope that fails to
 * decrypt (wrong ENCRYPTION_KEY, tampering) is logged and answers 500 — never silently replaced by
 * the platform's credential, which would act in another account's name.
 */
export async function resolveCredential(companyId: string, name: CredentialName, db: Db = getDb()): Promise<ResolvedCredential> {
  const [row] = await db.select().from(companySettings).where(eq(companySettings.companyId, companyId)).limit(1);
  const found = credentialFromRow(companyId, name, row);
  if (!found) throw new IntegrationNotConfiguredError(name);
  return found;
}

/** Every credential of a company in one query (null where neither company nor platform has one). */
export async function resolveCredentials(companyId: string, db: Db = getDb()): Promise<Record<CredentialName, ResolvedCredential | null>> {
  const [row] = await db.select().from(companySettings).where(eq(companySettings.companyId, companyId)).limit(1);
  const names = Object.keys(CREDENTIALS) as CredentialName[];
  return Object.fromEntries(names.map((name) => [name, credentialFromRow(companyId, name, row)])) as Record<
    CredentialName,
    ResolvedCredential | null
  >;
}

/** A credential from a company_settings row (or the part of one kept elsewhere), else the platform's; null when neither has one. */
export function credentialFromRow(
  companyId: string,
  name: CredentialName,
  row: Partial<CompanySettings> | undefined,
): ResolvedCredential | null {
  const spec = CREDENTIALS[name];
  const envelope = row?.[spec.field];
  if (envelope) {
    try {
      return { value: decryptSecret(envelope, credentialContext(companyId, spec.column)), source: "company" };
    } catch (err) {
      logger().error({ ...errorForLog(err), companyId, credential: name }, "integrations: stored credential does not decrypt");
      throw new ApiError("internal_error", undefined, { cause: err });
    }
  }
  const platform = integrationsEnv()[spec.platform];
  return platform ? { value: platform, source: "platform" } : null;
}
