import { appEnv } from "@/lib/env/app";
import type { StripeConnection } from "./connection";
import { stripePortalSessionSchema } from "./schemas";
import { parseStripeObject, stripeCall } from "./stripe-call";

/**
 * A Billing Portal session (change plan, card, invoices) for a customer. Idempotency key
 * `portal:<customerId>:<minute>`: a double click within the minute gets the same session.
 */
export async function createPortalSession(
  conn: StripeConnection,
  customerId: string,
  opts: { returnUrl?: string; now?: Date } = {},
): Promise<{ url: string }> {
  const returnUrl = opts.returnUrl ?? `${appEnv().APP_URL.replace(/\/$/, "")}/billing`;
  const minute = Math.floor((opts.now ?? new Date()).getTime() / 60_000);
  const { value } = await stripeCall(conn, async (s) =>
    parseStripeObject(
      stripePortalSessionSchema,
      await s.billingPortal.sessions.create(
        { customer: customerId, return_url: returnUrl },
        { idempotencyKey: `portal:${customerId}:${minute}`, timeout: conn.timeoutMs },
      ),
    ),
  );
  return { url: value.url };
}
