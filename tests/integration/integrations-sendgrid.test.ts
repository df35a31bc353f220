import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakes, type Fakes } from "@/fakes";
import { BreakerOpenError } from "@/lib/breaker/errors";
import { VendorError } from "@/lib/integrations/http/vendor-error";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import {
  createSendgridClient,
  parseSendgridWebhook,
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  sendgridMessageId,
  sendgridSignatureProblem,
  verifySendgridSignature,
} from "@/lib/integrations/sendgrid";
import { clearRateLimitBudgets } from "@/lib/integrations/sendgrid/rate-limit-budget";
import { startCapture } from "../helpers/fakes-capture";
import { fakeControl, fakeFaults, fakeRequests, fakeReset, fakeSendWebhook, uniqueBreaker } from "../helpers/fakes-control";

const KEY = LOCAL_DEFAULTS.sendgridApiKey;
let fakes: Fakes;
/** Signs with a key pair generated at start; `fixed` signs with the committed test pair. */
let url: string;
let fixedFakes: Fakes;
let capture: Awaited<ReturnType<typeof startCapture>>;

const mail = (to = "patient@example.test") => ({
  to,
  from: { email: "hello@acme-dental.test", name: "Acme Dental" },
  subject: "Your appointment",
  text: "See you Tuesday at 10.",
  html: "<p>See you Tuesday at 10.</p>",
  categories: ["reminder"],
  customArgs: { sb_company_id: "co_acme" },
});
const client = (opts: { apiKey?: string; breakerName?: string; maxWait?: number } = {}) =>
  createSendgridClient({
    apiKey: opts.apiKey ?? KEY,
    baseUrl: url,
    breakerName: opts.breakerName ?? uniqueBreaker("sendgrid"),
    maxRateLimitWaitMs: opts.maxWait ?? 5_000,
  });

beforeAll(async () => {
  fakes = await startFakes({ only: ["sendgrid"], ports: { sendgrid: 0 }, sendgrid: { signingKey: "generate", ratePerMinute: 1_000 } });
  url = fakes.urls.sendgrid!;
  fixedFakes = await startFakes({ only: ["sendgrid"], ports: { sendgrid: 0 } });
  capture = await startCapture();
});
afterAll(async () => {
  await Promise.all([fakes.close(), fixedFakes.close(), capture.close()]);
});
beforeEach(async () => {
  await fakeReset(url);
  clearRateLimitBudgets();
});

describe("SendGrid mail send against the fake", () => {
  it("sends (202) with Bearer auth and SendGrid's v3 body, and returns the X-Message-Id", async () => {
    const { messageId } = await client().sendMail(mail());
    expect(messageId).toMatch(/^\w{22}$/);
    const [req] = await fakeRequests(url, "/v3/mail/send");
    expect(req).toMatchObject({ status: 202, headers: expect.objectContaining({ authorization: `Bearer ${KEY}` }) });
    expect(req!.body).toEqual({
      personalizations: [{ to: [{ email: "patient@example.test" }] }],
      from: { email: "hello@acme-dental.test", name: "Acme Dental" },
      subject: "Your appointment",
      content: [
        { type: "text/plain", value: "See you Tuesday at 10." },
        { type: "text/html", value: "<p>See you Tuesday at 10.</p>" },
      ],
      categories: ["reminder"],
      custom_args: { sb_company_id: "co_acme" },
    });
    const { messages } = await fakeControl<{ messages: Array<{ id: string }> }>(url, "GET", "/__fake/messages");
    expect(messages.map((m) => m.id)).toEqual([messageId]);
  });

  it("a wrong key answers 401 (credential rejected); a bad body is refused before sending", async () => {
    await expect(client({ apiKey: "SG.nope.nope" }).sendMail(mail())).rejects.toMatchObject({
      vendorStatus: 401,
      credentialRejected: true,
      status: 502,
    });
    await expect(client().sendMail({ ...mail(), text: undefined, html: undefined })).rejects.toMatchObject({ name: "ZodError" });
    expect(await fakeRequests(url, "/v3/mail/send")).toHaveLength(1);
  });

  it("a 429 is waited out until X-RateLimit-Reset and sent once more", async () => {
    await fakeFaults(url, { rateLimitNext: 1, retryAfter: 1 });
    const t0 = Date.now();
    const { messageId } = await client().sendMail(mail());
    expect(messageId).toBeTruthy();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(500);
    const tries = await fakeRequests(url, "/v3/mail/send");
    expect(tries.map((r) => r.status)).toEqual([429, 202]);
  });

  it("a second 429 in a row is given up (503 with Retry-After to our caller), not retried forever", async () => {
    await fakeFaults(url, { rateLimitNext: 2, retryAfter: 1 });
    const err = await client()
      .sendMail(mail())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect(err).toMatchObject({ vendorStatus: 429, status: 503, code: "service_unavailable" });
    expect((err as VendorError).headers?.["retry-after"]).toMatch(/^\d+$/);
    expect(await fakeRequests(url, "/v3/mail/send")).toHaveLength(2);
  });

  it("a reset further away than we may wait fails at once, without sleeping through it", async () => {
    await fakeFaults(url, { rateLimitNext: 1, retryAfter: 30 });
    const t0 = Date.now();
    await expect(client({ maxWait: 1_000 }).sendMail(mail())).rejects.toMatchObject({ status: 503 });
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(await fakeRequests(url, "/v3/mail/send")).toHaveLength(1);
  });

  it("honours X-RateLimit-Remaining: 0 by not sending what SendGrid would refuse", async () => {
    // the fake's window resets each minute: start well inside one so the reset is always > 500 ms away
    const toNextMinute = 60_000 - (Date.now() % 60_000);
    if (toNextMinute < 3_000) await new Promise((r) => setTimeout(r, toNextMinute + 100));
    const limited = await startFakes({ only: ["sendgrid"], ports: { sendgrid: 0 }, sendgrid: { ratePerMinute: 2 } });
    try {
      const sg = createSendgridClient({
        apiKey: KEY,
        baseUrl: limited.urls.sendgrid!,
        breakerName: uniqueBreaker("sendgrid"),
        maxRateLimitWaitMs: 500,
      });
      await sg.sendMail(mail());
      await sg.sendMail(mail());
      const [, second] = await fakeRequests(limited.urls.sendgrid!, "/v3/mail/send");
      // the second answer said none remain until the window resets (up to a minute away): the third is not sent
      const err = await sg.sendMail(mail()).catch((e: unknown) => e);
      expect(second?.status).toBe(202);
      expect(err).toMatchObject({ vendorStatus: 429, status: 503 });
      expect(await fakeRequests(limited.urls.sendgrid!, "/v3/mail/send")).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it("a 5xx is not retried (SendGrid may have accepted it); 5 of them open the breaker", async () => {
    const name = uniqueBreaker("sendgrid-open");
    const sg = client({ breakerName: name });
    await fakeFaults(url, { failNext: 5, status: 500 });
    for (let i = 0; i < 5; i++) await expect(sg.sendMail(mail())).rejects.toMatchObject({ vendorStatus: 500, status: 502 });
    expect(await fakeRequests(url, "/v3/mail/send")).toHaveLength(5);
    await expect(sg.sendMail(mail())).rejects.toBeInstanceOf(BreakerOpenError);
    expect(await fakeRequests(url, "/v3/mail/send")).toHaveLength(5);
  });
});

describe("SendGrid event webhook", () => {
  async function deliveredEvents() {
    const { messageId } = await client().sendMail(mail("a@example.test"));
    capture.received.length = 0;
    const { deliveries } = await fakeSendWebhook(url, { target: capture.url, messageId, event: "delivered" });
    expect(deliveries[0]!.status).toBe(200);
    const got = capture.received[0]!;
    return {
      messageId,
      raw: got.raw,
      signature: got.headers[SENDGRID_SIGNATURE_HEADER] as string,
      timestamp: got.headers[SENDGRID_TIMESTAMP_HEADER] as string,
    };
  }

  it("verifies with the fake's public key (GET /__fake/public-key) and parses the events", async () => {
    const { publicKey } = await fakeControl<{ publicKey: string }>(url, "GET", "/__fake/public-key");
    const { messageId, raw, signature, timestamp } = await deliveredEvents();
    expect(verifySendgridSignature(raw, signature, timestamp, publicKey)).toBe(true);
    // a key pair generated at start is not the committed test pair
    expect(sendgridSignatureProblem(raw, signature, timestamp, LOCAL_DEFAULTS.sendgridWebhookPublicKey)).toBe("mismatch");

    const events = parseSendgridWebhook(JSON.parse(raw));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: "delivered",
      email: "a@example.test",
      known: true,
      sb_company_id: "co_acme",
      category: ["reminder"],
    });
    expect(events[0]!.eventId).toBe(events[0]!.sg_event_id);
    expect(sendgridMessageId(events[0]!)).toBe(messageId);
  });

  it("rejects tampered bodies, swapped timestamps and stale deliveries", async () => {
    const { publicKey } = await fakeControl<{ publicKey: string }>(url, "GET", "/__fake/public-key");
    const { raw, signature, timestamp } = await deliveredEvents();
    const ts = Number(timestamp);
    expect(sendgridSignatureProblem(raw.replace("delivered", "bounce"), signature, timestamp, publicKey)).toBe("mismatch");
    expect(sendgridSignatureProblem(raw, signature, String(ts - 1), publicKey)).toBe("mismatch");
    expect(sendgridSignatureProblem(raw, signature, timestamp, publicKey, (ts + 301) * 1000)).toBe("stale");
    expect(sendgridSignatureProblem(raw, signature, timestamp, publicKey, (ts + 299) * 1000)).toBeNull();
    expect(sendgridSignatureProblem(raw, undefined, timestamp, publicKey)).toBe("missing");
    expect(sendgridSignatureProblem(raw, signature, timestamp, undefined)).toBe("no_secret");

    const { deliveries } = await fakeSendWebhook(url, {
      target: capture.url,
      events: [{ email: "x@example.test", event: "open" }],
      signedAt: ts - 600,
    });
    const old = deliveries[0]!.sent;
    expect(
      sendgridSignatureProblem(old.body, old.headers[SENDGRID_SIGNATURE_HEADER], old.headers[SENDGRID_TIMESTAMP_HEADER], publicKey),
    ).toBe("stale");
  });

  it("by default the fake signs with the committed test pair, which the default SENDGRID_WEBHOOK_PUBLIC_KEY verifies", async () => {
    const fixedUrl = fixedFakes.urls.sendgrid!;
    const { deliveries } = await fakeSendWebhook(fixedUrl, {
      target: capture.url,
      events: [{ email: "x@example.test", event: "processed" }],
    });
    const sent = deliveries[0]!.sent;
    expect(
      verifySendgridSignature(
        sent.body,
        sent.headers[SENDGRID_SIGNATURE_HEADER],
        sent.headers[SENDGRID_TIMESTAMP_HEADER],
        LOCAL_DEFAULTS.sendgridWebhookPublicKey,
      ),
    ).toBe(true);
    expect((await fakeControl<{ publicKey: string }>(fixedUrl, "GET", "/__fake/public-key")).publicKey).toBe(
      LOCAL_DEFAULTS.sendgridWebhookPublicKey,
    );
  });
});
