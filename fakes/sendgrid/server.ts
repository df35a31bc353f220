import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { z } from "zod";
import { DEMO_CREDENTIALS } from "@/lib/db/seed/demo-accounts";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { deliverWebhook } from "../shared/deliver";
import { startFakeServer, type FakeServer } from "../shared/fake-server";
import { bearerToken, FakeHttpError, json, type Route } from "../shared/http";
import { alnumId } from "../shared/ids";
import { FIXED_SENDGRID_KEY_PAIR } from "./key-pair";

export interface SendgridFakeOptions {
  port?: number;
  host?: string;
  /** API keys the fake accepts. Default: the demo companies' keys and the local platform key. */
  apiKeys?: string[];
  /** Requests per key per minute before 429 (SendGrid's X-RateLimit-*). Default 600. */
  ratePerMinute?: number;
  /**
   * "fixed" (default): sign event webhooks with the committed test key pair, whose public half is the
   * default SENDGRID_WEBHOOK_PUBLIC_KEY. "generate": a fresh P-256 pair at start (GET /__fake/public-key).
   */
  signingKey?: "fixed" | "generate";
}

interface SentMessage {
  id: string;
  apiKey: string;
  at: number;
  from: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  categories: string[];
  customArgs: Record<string, string>;
}

const address = z.object({ email: z.string().email(), name: z.string().optional() });
const mailSchema = z.object({
  personalizations: z
    .array(
      z.object({
        to: z.array(address).min(1),
        cc: z.array(address).optional(),
        bcc: z.array(address).optional(),
        custom_args: z.record(z.string(), z.string()).optional(),
      }),
    )
    .min(1)
    .max(1000),
  from: address,
  reply_to: address.optional(),
  subject: z.string().min(1).optional(),
  content: z
    .array(z.object({ type: z.string(), value: z.string().min(1) }))
    .min(1)
    .optional(),
  template_id: z.string().optional(),
  categories: z.array(z.string()).max(10).optional(),
  custom_args: z.record(z.string(), z.string()).optional(),
});
const webhookSchema = z.object({
  target: z.string().url(),
  /** Events for every recipient of a sent message… */
  messageId: z.string().optional(),
  event: z.string().default("delivered"),
  /** …or events given whole (missing fields are filled in). */
  events: z.array(z.record(z.string(), z.unknown())).optional(),
  /** Unix seconds the signature claims. */
  signedAt: z.number().int().optional(),
});

/**
 * SendGrid v3 mail send and the signed event webhook, in memory. Every API answer carries
 * X-RateLimit-Limit/-Remaining/-Reset (epoch seconds) from a per-key one-minute window; over it, 429
 * (no Retry-After: SendGrid's clients read X-RateLimit-Reset). Errors as `{errors: [{message, field, help}]}`.
 * Control extras:
 *   GET  /__fake/public-key → {publicKey}: the verification key (base64 DER SPKI) to configure the app with
 *   GET  /__fake/messages   → what was "sent"
 *   POST /__fake/send-webhook {target, messageId, event: "delivered"|"open"|…} or {target, events: […]}
 *        → the delivery: a JSON array, signed ECDSA P-256 over timestamp + body
 */
export function startSendgridFake(opts: SendgridFakeOptions = {}): Promise<FakeServer> {
  const keys = new Set(
    opts.apiKeys ?? [DEMO_CREDENTIALS.acme.sendgridApiKey, DEMO_CREDENTIALS.globex.sendgridApiKey, LOCAL_DEFAULTS.sendgridApiKey],
  );
  const perMinute = opts.ratePerMinute ?? 600;
  const { privateKey, publicKey } = signingKeys(opts.signingKey ?? "fixed");
  const messages = new Map<string, SentMessage>();
  const windows = new Map<string, { start: number; used: number }>();

  const windowOf = (key: string) => {
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    let w = windows.get(key);
    if (!w || w.start !== minute) windows.set(key, (w = { start: minute, used: 0 }));
    return w;
  };
  const limitHeaders = (remaining: number, resetSec: number) => ({
    "x-ratelimit-limit": String(perMinute),
    "x-ratelimit-remaining": String(Math.max(0, remaining)),
    "x-ratelimit-reset": String(resetSec),
  });

  const routes: Route<string>[] = [
    {
      method: "POST",
      pattern: "/v3/mail/send",
      handler: (req) => {
        const w = windowOf(req.account);
        if (w.used >= perMinute) {
          return json(429, { errors: [{ field: null, message: "too many requests", help: null }] });
        }
        w.used++;
        const parsed = mailSchema.safeParse(req.json() ?? {});
        if (!parsed.success) {
          return json(400, {
            errors: parsed.error.issues.map((i) => ({ message: i.message, field: i.path.join(".") || null, help: null })),
          });
        }
        const mail = parsed.data;
        if (!mail.template_id && (!mail.subject || !mail.content)) {
          return json(400, {
            errors: [
              {
                message: "The subject and content are required unless a template_id is given.",
                field: mail.subject ? "content" : "subject",
                help: null,
              },
            ],
          });
        }
        const id = alnumId("", 22);
        messages.set(id, {
          id,
          apiKey: req.account,
          at: Date.now(),
          from: mail.from.email,
          to: mail.personalizations.flatMap((p) => p.to.map((t) => t.email)),
          subject: mail.subject ?? "",
          text: mail.content?.find((c) => c.type === "text/plain")?.value,
          html: mail.content?.find((c) => c.type === "text/html")?.value,
          categories: mail.categories ?? [],
          customArgs: { ...mail.custom_args, ...mail.personalizations[0]?.custom_args },
        });
        return { status: 202, text: "", headers: { "x-message-id": id } };
      },
    },
  ];

  const control: Route<null>[] = [
    { method: "GET", pattern: "/__fake/public-key", handler: () => json(200, { publicKey }) },
    { method: "GET", pattern: "/__fake/messages", handler: () => json(200, { messages: [...messages.values()] }) },
    {
      method: "POST",
      pattern: "/__fake/send-webhook",
      handler: async (req) => {
        const body = webhookSchema.parse(req.json() ?? {});
        const ts = Math.floor(Date.now() / 1000);
        let events: Array<Record<string, unknown>>;
        if (body.events) {
          events = body.events.map((e) => ({ timestamp: ts, sg_event_id: eventId(), event: body.event, ...e }));
        } else {
          const message = messages.get(body.messageId ?? "");
          if (!message) throw new FakeHttpError(404, `no message ${body.messageId ?? "(none)"}`);
          events = message.to.map((email) => ({
            email,
            timestamp: ts,
            event: body.event,
            sg_event_id: eventId(),
            sg_message_id: `${message.id}.filterdrecv-5645d9c87f-abcde-1-${message.at.toString(16)}-0`,
            "smtp-id": `<${message.id}@ismtpd0001p1las1.sendgrid.net>`,
            category: message.categories,
            ...(body.event === "bounce"
              ? { reason: "550 5.1.1 The email account that you tried to reach does not exist.", status: "5.1.1", type: "bounce" }
              : {}),
            ...(body.event === "click" ? { url: "https://switchboard.test/", url_offset: { index: 0, type: "html" } } : {}),
            ...message.customArgs,
          }));
        }
        const raw = JSON.stringify(events);
        const timestamp = String(body.signedAt ?? ts);
        const signature = sign("sha256", Buffer.concat([Buffer.from(timestamp), Buffer.from(raw)]), {
          key: privateKey,
          dsaEncoding: "der",
        }).toString("base64");
        const delivery = await deliverWebhook(body.target, raw, {
          "x-twilio-email-event-webhook-signature": signature,
          "x-twilio-email-event-webhook-timestamp": timestamp,
          "user-agent": "SendGrid Event API",
        });
        return json(200, { events, deliveries: [delivery] });
      },
    },
  ];

  return startFakeServer(
    {
      name: "sendgrid",
      routes,
      control,
      authenticate: (req) => {
        const key = bearerToken(req.headers);
        return key && keys.has(key) ? key : null;
      },
      errorResponse: (status, message) => {
        const text =
          status === 401
            ? "The provided authorization grant is invalid, expired, or revoked"
            : status === 429
              ? "too many requests"
              : message;
        return json(status, { errors: [{ message: text, field: null, help: null }] });
      },
      // A forced 429 names its own reset; no Retry-After, as SendGrid sends none.
      rateLimitHeaders: (retryAfter) => limitHeaders(0, Math.ceil(Date.now() / 1000 + retryAfter)),
      decorate: (req, res) => {
        if (!req.path.startsWith("/v3/") || res.status === 401) return res;
        if (res.status === 429 && res.headers?.["x-ratelimit-reset"]) return res;
        const key = bearerToken(req.headers) ?? "";
        const w = windowOf(key);
        const reset = Math.ceil((w.start + 60_000) / 1000);
        return { ...res, headers: { ...res.headers, ...limitHeaders(perMinute - w.used, reset) } };
      },
      reset: () => {
        messages.clear();
        windows.clear();
      },
      state: () => ({ messages: [...messages.values()] }),
    },
    opts,
  );
}

function eventId(): string {
  return randomBytes(16).toString("base64url");
}

function signingKeys(mode: "fixed" | "generate"): { privateKey: KeyObject; publicKey: string } {
  if (mode === "generate") {
    const pair = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    return { privateKey: pair.privateKey, publicKey: pair.publicKey.export({ type: "spki", format: "der" }).toString("base64") };
  }
  const privateKey = createPrivateKey({ key: Buffer.from(FIXED_SENDGRID_KEY_PAIR.privateKey, "base64"), format: "der", type: "pkcs8" });
  return { privateKey, publicKey: createPublicKey(privateKey).export({ type: "spki", format: "der" }).toString("base64") };
}
