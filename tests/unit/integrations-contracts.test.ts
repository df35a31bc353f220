import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseStripeForm } from "@/fakes/stripe/form";
import { FIXED_SENDGRID_KEY_PAIR } from "@/fakes/sendgrid/key-pair";
import { formatInZone, zonedToInstant } from "@/fakes/calcom/zoned-time";
import { resolveIntegrationsEnv } from "@/lib/env/integrations";
import { calcomEventId, calcomSignatureProblem, signCalcomPayload } from "@/lib/integrations/calcom";
import { retryDelayMs } from "@/lib/integrations/http/retry-delay";
import { VendorError } from "@/lib/integrations/http/vendor-error";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { parseRetellWebhook, retellSignatureProblem, signRetellPayload } from "@/lib/integrations/retell";
import { sendgridSignatureProblem, verifySendgridSignature } from "@/lib/integrations/sendgrid";
import { priceForTier, tierForPrice } from "@/lib/integrations/stripe";

const T = Date.UTC(2026, 10, 21, 12, 0, 0);

describe("Retell signature", () => {
  const body = JSON.stringify({ event: "call_ended", call: { call_id: "call_1" } });
  const key = "key_test_0123456789";

  it("is HMAC-SHA256(api key, body + timestamp) and verifies within 5 minutes either side", () => {
    const header = signRetellPayload(body, key, T);
    expect(header).toMatch(/^v=\d{13},d=[0-9a-f]{64}$/);
    expect(retellSignatureProblem(body, header, key, T)).toBeNull();
    expect(retellSignatureProblem(Buffer.from(body), header, key, T + 299_000)).toBeNull();
    expect(retellSignatureProblem(body, header, key, T + 300_001)).toBe("stale");
    expect(retellSignatureProblem(body, header, key, T - 300_001)).toBe("stale");
  });

  it("binds the timestamp: the same digest under another v= fails", () => {
    const header = signRetellPayload(body, key, T);
    expect(retellSignatureProblem(body, header.replace(`v=${T}`, `v=${T + 1000}`), key, T)).toBe("mismatch");
    expect(retellSignatureProblem(body, header, "", T)).toBe("no_secret");
    expect(retellSignatureProblem(body, `${header}00`, key, T)).toBe("malformed");
  });

  it("parses known events and leaves others as unknown", () => {
    expect(parseRetellWebhook({ event: "transcript_updated", call: {} })).toEqual({ kind: "unknown", event: "transcript_updated" });
    expect(() => parseRetellWebhook({ event: "call_ended", call: { call_id: "x" } })).toThrow();
  });
});

describe("Cal.com signature and dedupe id", () => {
  it("hex HMAC-SHA256(secret, body); a sha256= prefix is accepted", () => {
    const sig = signCalcomPayload("{}", "secret_1");
    expect(calcomSignatureProblem("{}", sig, "secret_1")).toBeNull();
    expect(calcomSignatureProblem("{}", `sha256=${sig}`, "secret_1")).toBeNull();
    expect(calcomSignatureProblem("{} ", sig, "secret_1")).toBe("mismatch");
  });

  it("is stable for the same (triggerEvent, uid, createdAt), falls back to bookingId, and hashes what is too long", () => {
    const a = calcomEventId({ triggerEvent: "BOOKING_CREATED", createdAt: "2026-11-21T10:00:00Z", payload: { uid: "u1" } });
    expect(a).toBe(calcomEventId({ triggerEvent: "BOOKING_CREATED", createdAt: "2026-11-21T10:00:00Z", payload: { uid: "u1" } }));
    expect(a).toBe("BOOKING_CREATED:u1:2026-11-21T10:00:00Z");
    expect(calcomEventId({ triggerEvent: "MEETING_ENDED", createdAt: "c", payload: { bookingId: 7 } })).toBe("MEETING_ENDED:booking-7:c");
    const long = calcomEventId({ triggerEvent: "BOOKING_CREATED", createdAt: "c", payload: { uid: "u".repeat(300) } });
    expect(long).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(long).toBe(calcomEventId({ triggerEvent: "BOOKING_CREATED", createdAt: "c", payload: { uid: "u".repeat(300) } }));
  });
});

describe("SendGrid signature", () => {
  it("the committed test key pair matches the default public key", () => {
    const priv = createPrivateKey({ key: Buffer.from(FIXED_SENDGRID_KEY_PAIR.privateKey, "base64"), format: "der", type: "pkcs8" });
    expect(createPublicKey(priv).export({ type: "spki", format: "der" }).toString("base64")).toBe(LOCAL_DEFAULTS.sendgridWebhookPublicKey);
  });

  it("verifies ECDSA over timestamp + body, with the key as base64 DER or PEM", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const ts = String(Math.floor(T / 1000));
    const body = '[{"event":"open"}]';
    const sig = sign("sha256", Buffer.from(ts + body), { key: privateKey, dsaEncoding: "der" }).toString("base64");
    const der = publicKey.export({ type: "spki", format: "der" }).toString("base64");
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(sendgridSignatureProblem(body, sig, ts, der, T)).toBeNull();
    expect(sendgridSignatureProblem(body, sig, ts, pem, T)).toBeNull();
    expect(verifySendgridSignature(body, "AAAA", ts, der, T)).toBe(false);
  });
});

describe("vendor errors and retry delays", () => {
  it("maps vendor statuses to our codes without the vendor's text in the message", () => {
    const cases: Array<[number | null, number, string]> = [
      [400, 422, "unprocessable_entity"],
      [401, 502, "bad_gateway"],
      [404, 404, "not_found"],
      [409, 409, "conflict"],
      [429, 503, "service_unavailable"],
      [500, 502, "bad_gateway"],
      [null, 502, "bad_gateway"],
    ];
    for (const [vendorStatus, status, code] of cases) {
      const err = new VendorError("calcom", vendorStatus, { detail: "secret vendor text", retryAfterMs: 2_500 });
      expect({ status: err.status, code: err.code }).toEqual({ status, code });
      expect(err.message).not.toContain("secret vendor text");
      expect(err.diagnostic).toContain("secret vendor text");
    }
    expect(new VendorError("stripe", 429, { retryAfterMs: 2_500 }).headers).toEqual({ "retry-after": "3" });
    expect(new VendorError("stripe", 200, { malformed: true }).isOutage).toBe(true);
  });

  it("reads Retry-After (seconds or date) and X-RateLimit-Reset (epoch or delta)", () => {
    expect(retryDelayMs(new Headers({ "retry-after": "2" }), T)).toBe(2_000);
    expect(retryDelayMs(new Headers({ "retry-after": new Date(T + 5_000).toUTCString() }), T)).toBe(5_000);
    expect(retryDelayMs(new Headers({ "x-ratelimit-reset": String(T / 1000 + 7) }), T)).toBe(7_000);
    expect(retryDelayMs(new Headers({ "x-ratelimit-reset": "4" }), T)).toBe(4_000);
    expect(retryDelayMs(new Headers(), T)).toBeUndefined();
  });
});

describe("integrations env", () => {
  it("local fakes get the local credentials by default", () => {
    const env = resolveIntegrationsEnv({});
    expect(env.STRIPE_API_URL).toBe("http://127.0.0.1:4012");
    expect(env.STRIPE_WEBHOOK_SECRET).toBe(LOCAL_DEFAULTS.stripeWebhookSecret);
    expect(env.SENDGRID_WEBHOOK_PUBLIC_KEY).toBe(LOCAL_DEFAULTS.sendgridWebhookPublicKey);
  });

  it("a real vendor gets no default and refuses the fakes' well-known secrets", () => {
    const env = resolveIntegrationsEnv({ STRIPE_API_URL: "https://api.stripe.com" });
    expect(env.STRIPE_WEBHOOK_SECRET).toBeUndefined();
    expect(env.STRIPE_SECRET_KEY).toBeUndefined();
    expect(env.RETELL_API_KEY).toBe(LOCAL_DEFAULTS.retellApiKey);
    expect(() =>
      resolveIntegrationsEnv({ STRIPE_API_URL: "https://api.stripe.com", STRIPE_WEBHOOK_SECRET: LOCAL_DEFAULTS.stripeWebhookSecret }),
    ).toThrow(/STRIPE_WEBHOOK_SECRET: is the local fakes' value/);
  });

  it("maps tiers and prices both ways, and foreign prices to null", () => {
    expect(priceForTier("PRO")).toBe("price_switchboard_pro_monthly");
    expect(tierForPrice("price_switchboard_unlimited_monthly")).toBe("UNLIMITED");
    expect(tierForPrice("price_someone_else")).toBeNull();
  });
});

describe("fake helpers", () => {
  it("parses Stripe's bracketed form bodies", () => {
    expect(
      parseStripeForm(
        "line_items[0][price]=p1&line_items[0][quantity]=1&line_items[1][price]=p2&metadata[a]=b&expand[]=x&expand[]=y&mode=subscription",
      ),
    ).toEqual({
      line_items: [{ price: "p1", quantity: "1" }, { price: "p2" }],
      metadata: { a: "b" },
      expand: ["x", "y"],
      mode: "subscription",
    });
  });

  it("computes wall-clock slots across a DST change", () => {
    expect(formatInZone(zonedToInstant(2031, 3, 7, 9, 0, "America/New_York"), "America/New_York")).toBe("2031-03-07T09:00:00.000-05:00");
    expect(formatInZone(zonedToInstant(2031, 3, 10, 9, 0, "America/New_York"), "America/New_York")).toBe("2031-03-10T09:00:00.000-04:00");
  });
});
