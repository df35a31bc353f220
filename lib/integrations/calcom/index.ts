export { createCalcomClient, type CalcomClient } from "./client";
export type { CalcomClientOptions } from "./connection";
export { calcomEventId, calcomWebhookSchema, parseCalcomWebhook, CALCOM_TRIGGER_EVENTS, type CalcomWebhook } from "./events";
export {
  CALCOM_API_VERSIONS,
  CALCOM_IDEMPOTENCY_KEY,
  calcomBookingSchema,
  type CalcomBooking,
  type CalcomBookingPage,
  type CalcomSlots,
} from "./schemas";
export { calcomSignatureProblem, signCalcomPayload, verifyCalcomSignature } from "./signature";
