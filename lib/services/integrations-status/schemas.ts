import { z } from "zod";
import { VENDORS } from "@/lib/integrations/http/vendor-error";
import { calcomWebhookSchema, companyCredentialSchema } from "@/lib/services/settings/schemas";

const isoInstant = z.iso.datetime({ offset: true });

export const INTEGRATION_NAMES = {
  retell: "Retell.ai",
  calcom: "Cal.com",
  stripe: "Stripe",
  sendgrid: "SendGrid",
} as const satisfies Record<(typeof VENDORS)[number], string>;

/**
 * What a connection test does: `read` sends one cheap read through the vendor's client (Retell list-calls
 * limit 1, Cal.com bookings take 1, Stripe a customer lookup); `send_only` calls nothing — SendGrid is
 * only used to send mail, and a test must not send one — and reports what the breaker knows.
 */
export const CONNECTION_CHECKS = ["read", "send_only"] as const;

/** Why a connection test failed. Codes are stable; messages are ours, never the vendor's text. */
export const CONNECTION_ERROR_CODES = [
  "not_configured",
  "credential_unreadable",
  "credential_rejected",
  "breaker_open",
  "timeout",
  "unreachable",
  "vendor_error",
  "malformed_response",
  "rate_limited",
  "refused",
  "unexpected",
] as const;
export type ConnectionErrorCode = (typeof CONNECTION_ERROR_CODES)[number];

// ── requests ────────────────────────────────────────────────────────────────

/** POST /api/v1/settings/integrations/{vendor}/test — an unknown vendor answers 404, not 400. */
export const integrationVendorParamsSchema = z.object({ vendor: z.enum(VENDORS) });

// ── responses ───────────────────────────────────────────────────────────────

/** The vendor's circuit breaker, shared by every company (an outage of the vendor is everyone's). */
export const integrationBreakerSchema = z.object({
  /** As the next call would see it: an OPEN breaker whose pause is over reads `half_open` (the next call is a probe). */
  state: z.enum(["closed", "open", "half_open"]),
  /** The last transition; null if it never tripped. */
  since: isoInstant.nullable(),
  /** While OPEN: when calls are tried again. */
  openUntil: isoInstant.nullable(),
  /** Failures counted toward opening it (CLOSED only). */
  failuresInWindow: z.number().int().min(0),
  /** It opens after this many failures within `windowSeconds`… */
  failureThreshold: z.number().int(),
  windowSeconds: z.number().int(),
  /** …and then sends no call for this long. */
  openSeconds: z.number().int(),
});
export type IntegrationBreaker = z.infer<typeof integrationBreakerSchema>;

/** GET /api/v1/settings/integrations: one vendor. */
export const integrationStatusSchema = z.object({
  vendor: z.enum(VENDORS),
  name: z.string(),
  /** The company's own credential, or the platform's default; false when neither exists. */
  configured: z.boolean(),
  credentialSource: z.enum(["company", "platform"]).nullable(),
  /** The stored credential could not be decrypted: enter it again. */
  credentialProblem: z.enum(["unreadable"]).nullable(),
  check: z.enum(CONNECTION_CHECKS),
  breaker: integrationBreakerSchema,
  /** The last time the vendor's breaker opened, and why (in our words). Null if it never did. */
  lastFailure: z.object({ at: isoInstant, cause: z.string() }).nullable(),
  /** The company's own key ("set on … by …, ends in …"); null when it uses the platform's or none. Never the key. */
  companyCredential: companyCredentialSchema.nullable(),
  /** Cal.com: the webhook URL to paste into Cal.com, and whether the company has its own secret (never shown here). */
  webhook: calcomWebhookSchema.nullable(),
});
export type IntegrationStatus = z.infer<typeof integrationStatusSchema>;

export const integrationStatusListSchema = z.array(integrationStatusSchema);

export const connectionErrorSchema = z.object({
  code: z.enum(CONNECTION_ERROR_CODES),
  /** For the person at the settings page: what failed and what to do. Never the vendor's own text. */
  message: z.string(),
  /** `breaker_open` and `rate_limited`: when a call will be tried again. */
  retryAt: isoInstant.optional(),
});
export type ConnectionError = z.infer<typeof connectionErrorSchema>;

/** POST /api/v1/settings/integrations/{vendor}/test */
export const connectionTestSchema = z.object({
  vendor: z.enum(VENDORS),
  ok: z.boolean(),
  check: z.enum(CONNECTION_CHECKS),
  /** Time spent on the vendor call, retries included; 0 when nothing was called. */
  latencyMs: z.number().int().min(0),
  testedAt: isoInstant,
  /** The breaker after the test. */
  breaker: integrationBreakerSchema,
  error: connectionErrorSchema.optional(),
  /** Extra information on a successful check (e.g. what a `send_only` check could not verify). */
  note: z.string().optional(),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;
