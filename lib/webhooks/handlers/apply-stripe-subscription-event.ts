import type Stripe from "stripe";
import { parseStripeEvent } from "@/lib/integrations/stripe/events";
import { summarizeSubscription } from "@/lib/integrations/stripe/subscription";
import { applySubscription } from "../apply/apply-subscription";
import { lockStripeCompany } from "../apply/lock-stripe-company";
import { writeThroughCompany } from "../apply/write-through-company";
import { writeTransaction } from "@/lib/db/write-transaction";
import { nothingDone, type WebhookHandlerContext, type WebhookOutcome } from "./types";

type StripeEventJson = Pick<Stripe.Event, "id" | "type" | "created" | "data">;

/**
 * What customer.subscription.created/updated/deleted share: find the company (Stripe customer, else
 * the metadata we set at checkout), apply the subscription in Stripe's event order, then write the
 * company's edge record through and, on a tier change, emit `settings.changed`.
 */
export async function applyStripeSubscriptionEvent(
  { event, log }: WebhookHandlerContext,
  opts: { deleted: boolean },
): Promise<WebhookOutcome> {
  const parsed = parseStripeEvent(event.payload as unknown as StripeEventJson);
  if (!parsed || !parsed.type.startsWith("customer.subscription.")) return nothingDone(null, "not a subscription event");
  const sub = summarizeSubscription(parsed.object);
  const result = await writeTransaction(async (tx) => {
    const company = await lockStripeCompany(tx, { customerId: sub.customerId, companyId: sub.metadata.companyId });
    if (!company) return null;
    return {
      companyId: company.id,
      ...(await applySubscription(tx, company, sub, {
        created: parsed.created,
        eventId: parsed.id,
        webhookEventId: event.id,
        deleted: opts.deleted,
      })),
    };
  });
  if (!result) return nothingDone(null, "no company for this Stripe customer");
  if (!result.applied)
    log.info({ companyId: result.companyId, reason: result.reason, stripeEventId: parsed.id }, "stripe: subscription event not applied");
  return {
    companyId: result.companyId,
    events: result.tierChange ? [{ event: "settings.changed", companyId: result.companyId }] : [],
    after: [() => writeThroughCompany(result.companyId)],
  };
}
