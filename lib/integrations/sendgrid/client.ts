import { sendgridConnection, type SendgridClientOptions } from "./connection";
import { sendMail, type SendMailInput } from "./send-mail";

/** Mail through SendGrid's v3 API for one API key (a company's, or the platform's by default). */
export function createSendgridClient(opts: SendgridClientOptions = {}) {
  const conn = sendgridConnection(opts);
  return { sendMail: (input: SendMailInput) => sendMail(conn, input) };
}

export type SendgridClient = ReturnType<typeof createSendgridClient>;
