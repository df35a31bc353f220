import type { CompanySettingsBlob } from "@/lib/db/schema/company-settings";
import type { CompanyCredentialVendor } from "./schemas";

/** Who set a company credential and when (kept in company_settings.settings; never the key itself). */
export interface CredentialMeta {
  setAt: string;
  setByUserId: string | null;
  setByApiKeyId: string | null;
}

/** What company_settings.settings keeps about credentials. */
export interface CredentialsBlob {
  credentials?: Partial<Record<CompanyCredentialVendor, CredentialMeta>>;
  calcomWebhookSecretSetAt?: string;
}

/** The credentials part of the settings blob, tolerating a blob written before it existed. */
export function credentialsBlobOf(blob: CompanySettingsBlob | null | undefined): CredentialsBlob {
  if (!blob || typeof blob !== "object") return {};
  const { credentials, calcomWebhookSecretSetAt } = blob as CredentialsBlob;
  return {
    credentials: credentials && typeof credentials === "object" ? credentials : {},
    ...(typeof calcomWebhookSecretSetAt === "string" ? { calcomWebhookSecretSetAt } : {}),
  };
}
