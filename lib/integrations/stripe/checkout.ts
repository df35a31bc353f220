import { createHash } from "node:crypto";
import { appEnv } from "@/lib/env/app";
import type { StripeConnection } from "./connection";
import { priceForTier, type PaidTier } from "./prices";
import { stripeCheckoutSessionSchema } from "./schemas";
import { parseStripeObject, stripeCall } from "./stripe-call";
import { VendorError } from "../http/vendor-error";

/** What checkout needs to know about the company buying. */
export interface BillingCompany {
  id: string;
  name: string;
  billingEmail?: string | null;
  stripeCustomerId?: string | null;
}

export interface CheckoutSessionResult {
  sessionId: string;
  url: string;
  /** Store it on the company if it was just created. */
  customerId: string;
  customerCreated: boolean;
}

/**
 * A Stripe Checkout session to subscribe `company` to `tier`. The Stripe customer is created first
 * when the company has none. Every POST carries an idempotency key named after the business
 * operation (`customer:<companyId>:…`, `checkout:<companyId>:<tier>:<UTC day>:<the company's previous
 * open session or "none">`), so a double click or a retried request gets the same session instead of
 * a second one, and a checkout started after another one (which the caller expires) is a new session.
 */
export async function createCheckoutSession(
  conn: StripeConnection,
  company: BillingCompany,
  tier: PaidTier,
  opts: { successUrl?: string; cancelUrl?: string; now?: Date; previousSessionId?: string | null } = {},
): Promise<CheckoutSessionResult> {
  const base = `${appEnv().APP_URL.replace(/\/$/, "")}/billing`;
  let customerId = company.stripeCustomerId ?? null;
  const customerCreated = !customerId;
  if (!customerId) {
    const params = {
      name: company.name,
      ...(company.billingEmail ? { email: company.billingEmail } : {}),
      metadata: { companyId: company.id },
    };
    const key = `customer:${company.id}:${shortHash(JSON.stringify(params))}`;
    const { value } = await stripeCall(conn, (s) => s.customers.create(params, { idempotencyKey: key, timeout: conn.timeoutMs }));
    customerId = value.id;
  }
  const day = (opts.now ?? new Date()).toISOString().slice(0, 10);
  const metadata = { companyId: company.id, tier };
  const { value: session } = await stripeCall(conn, async (s) =>
    parseStripeObject(
      stripeCheckoutSessionSchema,
      await s.checkout.sessions.create(
        {
          mode: "subscription",
          customer: customerId,
          client_reference_id: company.id,
          line_items: [{ price: priceForTier(tier), quantity: 1 }],
          metadata,
          subscription_data: { metadata },
          success_url: opts.successUrl ?? `${base}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
          cancel_url: opts.cancelUrl ?? `${base}?checkout=cancelled`,
        },
        { idempotencyKey: `checkout:${company.id}:${tier}:${day}:${opts.previousSessionId ?? "none"}`, timeout: conn.timeoutMs },
      ),
    ),
  );
  if (!session.url) throw new VendorError("stripe", 200, { malformed: true, detail: "checkout session without url" });
  return { sessionId: session.id, url: session.url, customerId, customerCreated };
}

/** GET /v1/checkout/sessions/{id}: its status, URL and the tier our metadata names (a read: retried on an outage). */
export async function getCheckoutSession(
  conn: StripeConnection,
  sessionId: string,
): Promise<{ sessionId: string; status: "open" | "complete" | "expired" | null; url: string | null; tier: string | null }> {
  const { value } = await stripeCall(
    conn,
    async (s) =>
      parseStripeObject(stripeCheckoutSessionSchema, await s.checkout.sessions.retrieve(sessionId, {}, { timeout: conn.timeoutMs })),
    { read: true },
  );
  return { sessionId: value.id, status: value.status, url: value.url, tier: value.metadata?.tier ?? null };
}

/**
 * POST /v1/checkout/sessions/{id}/expire: the session can no longer be paid. False when it was no
 * longer open (paid or expired already: Stripe answers 400), so there was nothing to expire.
 */
export async function expireCheckoutSession(conn: StripeConnection, sessionId: string): Promise<boolean> {
  try {
    await stripeCall(conn, (s) =>
      s.checkout.sessions.expire(sessionId, {}, { idempotencyKey: `checkout-expire:${sessionId}`, timeout: conn.timeoutMs }),
    );
    return true;
  } catch (err) {
    if (err instanceof VendorError && err.vendorStatus === 400) return false;
    throw err;
  }
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 12);
}
