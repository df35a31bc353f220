export { createRetellClient, type RetellClient } from "./client";
export type { RetellClientOptions } from "./connection";
export { parseRetellWebhook, retellEventId, retellWebhookSchema, RETELL_WEBHOOK_EVENTS, type RetellWebhook } from "./events";
export { RETELL_IDEMPOTENCY_KEY, retellCallSchema, type RetellCall, type RetellCallFilter, type RetellCallPage } from "./schemas";
export { retellSignatureProblem, signRetellPayload, verifyRetellSignature, RETELL_SIGNATURE_TOLERANCE_MS } from "./signature";
