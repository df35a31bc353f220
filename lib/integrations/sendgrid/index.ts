export { createSendgridClient, type SendgridClient } from "./client";
export type { SendgridClientOptions } from "./connection";
export { parseSendgridWebhook, sendgridEventSchema, sendgridMessageId, sendgridWebhookSchema, type SendgridEvent } from "./events";
export { sendMailSchema, type SendMailInput } from "./send-mail";
export {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_SIGNATURE_TOLERANCE_SEC,
  SENDGRID_TIMESTAMP_HEADER,
  sendgridSignatureProblem,
  verifySendgridSignature,
} from "./signature";
