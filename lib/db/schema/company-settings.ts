import { mysqlTable, text, varchar } from "drizzle-orm/mysql-core";
import { sql } from "drizzle-orm";
import { instant, json, ref } from "./util";

/** Opening hours per weekday in the company's timezone; a missing day is closed. */
export type BusinessHours = Partial<Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", { open: string; close: string }[]>>;

/** Product preferences that need no column of their own (reminder lead time, locale, …). */
export type CompanySettingsBlob = Record<string, unknown>;

/**
 * One row per company. Integration credentials are stored as AES-256-GCM envelopes
 * (lib/crypto/encryption.ts, `v1:<iv>:<tag>:<ciphertext>`), never in clear, and never leave the server.
 */
export const companySettings = mysqlTable("company_settings", {
  /** One row per company, so the company id is the key. */
  companyId: ref("company_id").primaryKey(),
  businessHours: json<BusinessHours>("business_hours"),
  /** Retell signs its webhooks with the API key, so this also verifies them. */
  retellApiKeyEnc: text("retell_api_key_enc"),
  retellAgentId: varchar("retell_agent_id", { length: 64 }),
  /** The company's own number the agent answers, E.164. */
  retellPhoneNumber: varchar("retell_phone_number", { length: 20 }),
  calcomApiKeyEnc: text("calcom_api_key_enc"),
  calcomWebhookSecretEnc: text("calcom_webhook_secret_enc"),
  calcomEventTypeId: varchar("calcom_event_type_id", { length: 32 }),
  sendgridApiKeyEnc: text("sendgrid_api_key_enc"),
  /** Public, so not encrypted: verifies the ECDSA signature of SendGrid's event webhook. */
  sendgridWebhookPublicKey: text("sendgrid_webhook_public_key"),
  sendgridFromEmail: varchar("sendgrid_from_email", { length: 191 }),
  settings: json<CompanySettingsBlob>("settings"),
  updatedAt: instant("updated_at")
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`)
    .$onUpdate(() => new Date()),
});

export type CompanySettings = typeof companySettings.$inferSelect;
export type NewCompanySettings = typeof companySettings.$inferInsert;
