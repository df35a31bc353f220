import type { z } from "zod";
import type { BreakerResult } from "@/lib/breaker/with-breaker";
import type { CallOptions } from "../http/call-vendor";
import type { StripeConnection } from "./connection";
import { tierForPrice, type PaidTier } from "./prices";
import { stripeSubscriptionSchema } from "./schemas";
import { parseStripeObject, stripeCall } from "./stripe-call";

export interface SubscriptionSummary {
  id: string;
  status: z.infer<typeof stripeSubscriptionSchema>["status"];
  customerId: string;
  priceId: string;
  /** null when the price is not one of ours. */
  tier: PaidTier | null;
  /** Epoch seconds. */
  currentPeriodEnd: number | null;
  cancelAtPeriodEnd: boolean;
  metadata: Record<string, string>;
}

/** What the product needs from a Stripe subscription object (also used on webhook payloads). */
export function summarizeSubscription(raw: unknown): SubscriptionSummary {
  const sub = stripeSubscriptionSchema.parse(raw);
  const item = sub.items.data[0]!;
  return {
    id: sub.id,
    status: sub.status,
    customerId: sub.customer,
    priceId: item.price.id,
    tier: tierForPrice(item.price.id),
    currentPeriodEnd: item.current_period_end ?? sub.current_period_end ?? null,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    metadata: sub.metadata,
  };
}

/** GET /v1/subscriptions/{id}. A read: retried once on an outage or 429; `fallback` answers while Stripe is down. */
export async function getSubscription(
  conn: StripeConnection,
  id: string,
  opts: CallOptions<SubscriptionSummary> = {},
): Promise<BreakerResult<SubscriptionSummary>> {
  return stripeCall(
    conn,
    async (s) => {
      const raw = await s.subscriptions.retrieve(id, {}, { timeout: conn.timeoutMs });
      return summarizeSubscription(parseStripeObject(stripeSubscriptionSchema, raw));
    },
    { ...opts, read: true },
  );
}

/** DELETE /v1/subscriptions/{id}: cancels it now (no proration, no refund); cancelling a canceled one is a no-op. */
export async function cancelSubscription(conn: StripeConnection, id: string): Promise<void> {
  await stripeCall(conn, (s) => s.subscriptions.cancel(id, {}, { idempotencyKey: `subscription-cancel:${id}`, timeout: conn.timeoutMs }));
}
