import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { parseStripeForm } from "@/fakes/stripe/form";
import { breakerStates } from "@/lib/breaker/breaker-states";
import { VendorError } from "@/lib/integrations/http/vendor-error";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import {
  constructStripeEvent,
  createStripeClient,
  invoiceSubscriptionId,
  parseStripeEvent,
  stripeSignatureProblem,
  summarizeSubscription,
  type SubscriptionSummary,
} from "@/lib/integrations/stripe";
import type { Capture } from "../helpers/fakes-capture";
import { fakeControl, fakeFaults, fakeRequests, fakeSendWebhook, fakeState, uniqueBreaker } from "../helpers/fakes-control";
import { setupFake } from "../helpers/fakes-fixture";

const fake = setupFake("stripe");
let url: string;
let capture: Capture;
const SECRET = LOCAL_DEFAULTS.stripeWebhookSecret;
const NOW = new Date("2026-11-21T12:00:00Z");
let seq = 0;
const company = () => ({
  id: `co_stripe_${Date.now().toString(36)}${seq++}`,
  name: "Acme Dental",
  billingEmail: "billing@acme.test",
  stripeCustomerId: null,
});

const client = (opts: { secretKey?: string; retries?: number; breakerName?: string } = {}) =>
  createStripeClient({
    secretKey: opts.secretKey ?? LOCAL_DEFAULTS.stripeSecretKey,
    apiUrl: url,
    maxNetworkRetries: opts.retries ?? 1,
    breakerName: opts.breakerName ?? uniqueBreaker("stripe"),
  });
const headerOf = (r: { headers: Record<string, string> }, name: string) => r.headers[name];

beforeAll(() => {
  ({ url, capture } = fake);
});

describe("Stripe through the official package, pointed at the fake", () => {
  it("checkout creates the customer, then the session, each with a business idempotency key; a repeat the same day gets the same session", async () => {
    const stripe = client();
    const co = company();
    const first = await stripe.createCheckoutSession(co, "PRO", { now: NOW });
    expect(first).toMatchObject({
      customerCreated: true,
      customerId: expect.stringMatching(/^cus_/),
      sessionId: expect.stringMatching(/^cs_test_/),
      url: expect.stringContaining("/c/pay/"),
    });

    const again = await stripe.createCheckoutSession({ ...co, stripeCustomerId: first.customerId }, "PRO", { now: NOW });
    expect(again.sessionId).toBe(first.sessionId);
    expect(again.customerCreated).toBe(false);

    const other = await stripe.createCheckoutSession({ ...co, stripeCustomerId: first.customerId }, "ENTERPRISE", { now: NOW });
    expect(other.sessionId).not.toBe(first.sessionId);

    const requests = await fakeRequests(url);
    expect(requests.map((r) => `${r.method} ${r.path} ${headerOf(r, "idempotency-key")}`)).toEqual([
      expect.stringMatching(new RegExp(`^POST /v1/customers customer:${co.id}:`)),
      `POST /v1/checkout/sessions checkout:${co.id}:PRO:2026-11-21:none`,
      `POST /v1/checkout/sessions checkout:${co.id}:PRO:2026-11-21:none`,
      `POST /v1/checkout/sessions checkout:${co.id}:ENTERPRISE:2026-11-21:none`,
    ]);
    expect(parseStripeForm(String(requests[1]!.body))).toMatchObject({
      mode: "subscription",
      customer: first.customerId,
      client_reference_id: co.id,
      line_items: [{ price: "price_switchboard_pro_monthly", quantity: "1" }],
      subscription_data: { metadata: { companyId: co.id, tier: "PRO" } },
    });
    expect(headerOf(requests[1]!, "authorization")).toBe(`Bearer ${LOCAL_DEFAULTS.stripeSecretKey}`);
    const { sessions } = await fakeState<{ sessions: unknown[] }>(url);
    expect(sessions).toHaveLength(2);
  });

  it("portal session and subscription read (tier from the price table)", async () => {
    const stripe = client();
    const { customerId, sessionId } = await stripe.createCheckoutSession(company(), "PRO");
    const portal = await stripe.createPortalSession(customerId, { now: NOW });
    expect(portal.url).toContain("/p/session/");
    const [portalRequest] = await fakeRequests(url, "/v1/billing_portal");
    expect(headerOf(portalRequest!, "idempotency-key")).toBe(`portal:${customerId}:${Math.floor(NOW.getTime() / 60_000)}`);

    const done = await fakeControl<{ subscription: { id: string } }>(url, "POST", "/__fake/checkout/complete", { sessionId });
    const { value, fallback } = await stripe.getSubscription(done.subscription.id);
    expect(fallback).toBe(false);
    expect(value).toMatchObject({
      id: done.subscription.id,
      status: "active",
      customerId,
      tier: "PRO",
      priceId: "price_switchboard_pro_monthly",
      cancelAtPeriodEnd: false,
    });
    expect(value.currentPeriodEnd).toBeGreaterThan(Date.now() / 1000);
  });

  it("a wrong secret key answers 401: VendorError, credential rejected", async () => {
    const err = await client({ secretKey: "sk_test_not_the_right_key_0000" })
      .createPortalSession("cus_x")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect(err).toMatchObject({ vendor: "stripe", vendorStatus: 401, credentialRejected: true, status: 502 });
  });

  it("an unknown customer is an answer (404), not an outage", async () => {
    await expect(client().createPortalSession("cus_missing")).rejects.toMatchObject({
      vendorStatus: 404,
      status: 404,
      vendorCode: "resource_missing",
      isOutage: false,
    });
  });

  it("waits out a 429 and resends with the same idempotency key", async () => {
    const stripe = client();
    const { customerId } = await stripe.createCheckoutSession(company(), "PRO");
    await fakeFaults(url, { rateLimitNext: 1, retryAfter: 1 });
    const t0 = Date.now();
    await stripe.createPortalSession(customerId);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    const tries = await fakeRequests(url, "/v1/billing_portal");
    expect(tries.map((r) => r.status)).toEqual([429, 200]);
    expect(headerOf(tries[0]!, "idempotency-key")).toBe(headerOf(tries[1]!, "idempotency-key"));
  });

  it("a 5xx is retried by the package with the same key; a lost answer is replayed, not redone", async () => {
    const stripe = client({ retries: 1 });
    const co = company();
    await fakeFaults(url, { failNext: 1, status: 500 });
    const { customerId } = await stripe.createCheckoutSession(co, "PRO", { now: NOW });

    await fakeFaults(url, { failNext: 1, afterEffect: true, status: 503 });
    const session = await stripe.createCheckoutSession({ ...co, stripeCustomerId: customerId }, "UNLIMITED", { now: NOW });
    const tries = await fakeRequests(url, "/v1/checkout/sessions");
    expect(tries.map((r) => r.status)).toEqual([200, 503, 200]);
    expect(new Set(tries.slice(1).map((r) => headerOf(r, "idempotency-key")))).toEqual(
      new Set([`checkout:${co.id}:UNLIMITED:2026-11-21:none`]),
    );
    const { sessions, customers } = await fakeState<{ sessions: Array<{ id: string }>; customers: unknown[] }>(url);
    expect(customers).toHaveLength(1);
    expect(sessions.map((s) => s.id)).toContain(session.sessionId);
    expect(sessions).toHaveLength(2);
  });

  it("5 failures open the Stripe breaker; then the fallback answers without a request", async () => {
    const name = uniqueBreaker("stripe-open");
    const stripe = client({ retries: 0, breakerName: name });
    await fakeFaults(url, { failNext: 50, status: 500 });
    const cached: SubscriptionSummary = {
      id: "sub_cached",
      status: "active",
      customerId: "cus_cached",
      priceId: "price_x",
      tier: "PRO",
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      metadata: {},
    };
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await stripe.getSubscription("sub_any", { fallback: () => cached }));
    expect(answers.map((a) => (a.fallback ? a.reason : "live"))).toEqual(["failure", "failure", "open", "open"]);
    expect(answers.every((a) => a.value === cached)).toBe(true);
    expect(await fakeRequests(url, "/v1/subscriptions")).toHaveLength(5);
    expect((await breakerStates()).find((s) => s.name === name)?.state).toBe("open");
  });
});

describe("Stripe webhooks", () => {
  async function completedCheckout() {
    const { sessionId } = await client().createCheckoutSession(company(), "PRO");
    capture.received.length = 0;
    const { deliveries } = await fakeSendWebhook(url, { target: capture.url, event: "checkout.session.completed", sessionId });
    expect(deliveries[0]!.status).toBe(200);
    return { sessionId, raw: capture.received[0]!.raw, signature: capture.received[0]!.headers["stripe-signature"] as string };
  }

  it("constructEvent accepts the fake's signature; the handled events parse into what billing needs", async () => {
    const { sessionId, raw, signature } = await completedCheckout();
    const event = constructStripeEvent(raw, signature, { secret: SECRET });
    expect(event.type).toBe("checkout.session.completed");
    const parsed = parseStripeEvent(event);
    if (parsed?.type !== "checkout.session.completed") throw new Error("expected a checkout event");
    expect(parsed.object).toMatchObject({
      id: sessionId,
      status: "complete",
      subscription: expect.stringMatching(/^sub_/),
      client_reference_id: expect.stringMatching(/^co_stripe_/),
    });

    const subscriptionId = parsed.object.subscription!;
    const { deliveries: subs } = await fakeSendWebhook(url, {
      target: capture.url,
      event: "customer.subscription.created",
      subscriptionId,
    });
    const subEvent = parseStripeEvent(
      constructStripeEvent(subs[0]!.sent.body, subs[0]!.sent.headers["stripe-signature"], { secret: SECRET }),
    );
    expect(subEvent?.type).toBe("customer.subscription.created");
    expect(summarizeSubscription(subEvent!.object)).toMatchObject({ id: subscriptionId, tier: "PRO", status: "active" });

    const { deliveries: upgrade } = await fakeSendWebhook(url, {
      target: capture.url,
      event: "customer.subscription.updated",
      subscriptionId,
      priceId: "price_switchboard_enterprise_monthly",
    });
    const upgraded = parseStripeEvent(
      constructStripeEvent(upgrade[0]!.sent.body, upgrade[0]!.sent.headers["stripe-signature"], { secret: SECRET }),
    );
    expect(summarizeSubscription(upgraded!.object).tier).toBe("ENTERPRISE");

    const { invoices } = await fakeState<{ invoices: Array<{ id: string }> }>(url);
    const { deliveries: inv } = await fakeSendWebhook(url, {
      target: capture.url,
      event: "invoice.payment_failed",
      invoiceId: invoices[0]!.id,
    });
    const invEvent = parseStripeEvent(
      constructStripeEvent(inv[0]!.sent.body, inv[0]!.sent.headers["stripe-signature"], { secret: SECRET }),
    );
    if (invEvent?.type !== "invoice.payment_failed") throw new Error("expected an invoice event");
    expect(invoiceSubscriptionId(invEvent.object)).toBe(subscriptionId);
    expect(invEvent.object.amount_paid).toBe(0);
  });

  it("rejects another secret, a tampered body and a signature older than 300 s", async () => {
    const { raw, signature } = await completedCheckout();
    const signedAt = Number(/t=(\d+)/.exec(signature)![1]) * 1000;
    expect(() => constructStripeEvent(raw, signature, { secret: "whsec_some_other_endpoint_secret" })).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(stripeSignatureProblem(raw, signature, { secret: "whsec_some_other_endpoint_secret" })).toBe("mismatch");
    expect(stripeSignatureProblem(raw.replace('"complete"', '"open"'), signature, { secret: SECRET })).toBe("mismatch");
    expect(stripeSignatureProblem(raw, signature, { secret: SECRET, now: signedAt + 301_000 })).toBe("stale");
    expect(stripeSignatureProblem(raw, signature, { secret: SECRET, now: signedAt + 299_000 })).toBeNull();
    expect(stripeSignatureProblem(raw, undefined, { secret: SECRET })).toBe("missing");
    expect(() => constructStripeEvent(raw, signature, { secret: "" })).toThrow(/cannot be verified/);

    const { deliveries } = await fakeSendWebhook(url, {
      target: capture.url,
      event: "checkout.session.completed",
      sessionId: JSON.parse(raw).data.object.id,
      signedAt: Math.floor(Date.now() / 1000) - 400,
    });
    expect(stripeSignatureProblem(deliveries[0]!.sent.body, deliveries[0]!.sent.headers["stripe-signature"], { secret: SECRET })).toBe(
      "stale",
    );
  });

  it("an event we do not handle verifies but parses to null", () => {
    const payload = JSON.stringify({ id: "evt_1", object: "event", type: "charge.refunded", created: 1, data: { object: { id: "ch_1" } } });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    expect(parseStripeEvent(constructStripeEvent(payload, header, { secret: SECRET }))).toBeNull();
  });
});
