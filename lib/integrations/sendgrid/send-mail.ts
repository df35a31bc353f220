import { z } from "zod";
import { callVendor } from "../http/call-vendor";
import { requestJson } from "../http/request-json";
import { sleep } from "../http/retry-delay";
import { VendorError } from "../http/vendor-error";
import type { SendgridConnection } from "./connection";
import { budgetKey, rememberRateLimit, waitBeforeSendMs } from "./rate-limit-budget";

const address = z.union([z.string().email(), z.object({ email: z.string().email(), name: z.string().max(200).optional() })]);

export const sendMailSchema = z
  .object({
    to: z.union([address, z.array(address).min(1).max(1000)]),
    from: address,
    replyTo: address.optional(),
    subject: z.string().min(1).max(998),
    text: z.string().optional(),
    html: z.string().optional(),
    categories: z.array(z.string().min(1).max(255)).max(10).optional(),
    /** Echoed on every event webhook of the message (e.g. sb_company_id): how events find their tenant. */
    customArgs: z.record(z.string(), z.string()).optional(),
  })
  .refine((m) => m.text !== undefined || m.html !== undefined, { message: "text or html is required", path: ["text"] });
export type SendMailInput = z.input<typeof sendMailSchema>;

const toAddress = (a: z.infer<typeof address>) => (typeof a === "string" ? { email: a } : a);

/**
 * POST /v3/mail/send (202 Accepted). Honours SendGrid's rate-limit headers: when the last answer said
 * no requests remain, we wait for `X-RateLimit-Reset` (bounded by `maxRateLimitWaitMs`) before sending,
 * and a 429 is waited out once and retried — a 429 was not accepted, so nothing is sent twice. Other
 * failures are not retried: SendGrid dedupes nothing, and a 5xx may have been accepted; the mail job's
 * own retry decides. Returns SendGrid's message id (X-Message-Id), the key of its event webhooks.
 */
export async function sendMail(conn: SendgridConnection, input: SendMailInput): Promise<{ messageId: string | null }> {
  const msg = sendMailSchema.parse(input);
  const body = {
    personalizations: [{ to: (Array.isArray(msg.to) ? msg.to : [msg.to]).map(toAddress) }],
    from: toAddress(msg.from),
    ...(msg.replyTo ? { reply_to: toAddress(msg.replyTo) } : {}),
    subject: msg.subject,
    content: [
      ...(msg.text !== undefined ? [{ type: "text/plain", value: msg.text }] : []),
      ...(msg.html !== undefined ? [{ type: "text/html", value: msg.html }] : []),
    ],
    ...(msg.categories?.length ? { categories: msg.categories } : {}),
    ...(msg.customArgs && Object.keys(msg.customArgs).length ? { custom_args: msg.customArgs } : {}),
  };
  const key = budgetKey(conn.apiKey);
  for (let attempt = 1; ; attempt++) {
    const wait = waitBeforeSendMs(key);
    if (wait > conn.maxRateLimitWaitMs)
      throw new VendorError("sendgrid", 429, { retryAfterMs: wait, detail: "rate-limit window exhausted" });
    if (wait > 0) await sleep(wait);
    try {
      const { value } = await callVendor(conn.breaker, async (signal) => {
        try {
          const res = await requestJson({
            vendor: "sendgrid",
            baseUrl: conn.baseUrl,
            method: "POST",
            path: "/v3/mail/send",
            headers: { authorization: `Bearer ${conn.apiKey}` },
            body,
            signal,
            errorCode: sendgridErrorCode,
          });
          rememberRateLimit(key, res.headers);
          return { messageId: res.headers.get("x-message-id") };
        } catch (err) {
          if (err instanceof VendorError && err.vendorStatus === 429) noteRefusal(key, err);
          throw err;
        }
      });
      return value;
    } catch (err) {
      const limited = err instanceof VendorError && err.vendorStatus === 429;
      if (!limited || attempt >= 2) throw err;
      // The wait comes from X-RateLimit-Reset (remembered above); a 429 without it waits one second.
      if (waitBeforeSendMs(key) === 0) await sleep(Math.min(1_000, conn.maxRateLimitWaitMs));
    }
  }
}

/** A 429 means no request remains until the reset it names. */
function noteRefusal(key: string, err: VendorError): void {
  const resetSec = Math.ceil((Date.now() + (err.retryAfterMs ?? 1_000)) / 1000);
  rememberRateLimit(key, new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(resetSec) }));
}

function sendgridErrorCode(body: unknown): string | undefined {
  const first = (body as { errors?: Array<{ field?: unknown }> } | null)?.errors?.[0];
  return typeof first?.field === "string" ? first.field : undefined;
}
