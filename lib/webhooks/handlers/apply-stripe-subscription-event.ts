import type Stripe from "stripe";
import { parseStripeEvent } from "@/lib/integrations/stripe/events";
import { summarizeSubscription } from "@/lib/integrations/stripe/subscription";
import { applySubscriptionEvent } from "@/lib/services/billing/apply-subscription-event";
import { writeThroughCompany } from "@/lib/services/billing/write-through-company";
import { nothingDone, type WebhookHandlerContext, type WebhookOutcome } from "./types";

type StripeEventJson = Pick<Stripe.Event, "id" | "type" | "created" | "data">;

/**
 * What customer.subscription.created/updated/deleted share: the subscription applied to its company
 * in Stripe's event order (applySubscriptionEvent), then the company's edge record written through
 * and, on a tier change, `settings.changed`.
 */
export async function applyStripeSubscriptionEvent(
  { event, log }: WebhookHandlerContext,
  opts: { deleted: boolean },
): Promise<WebhookOutcome> {
  const parsed = parseStripeEvent(event.payload as unknown as StripeEventJson);
  if (!parsed || !parsed.type.startsWith("customer.subscription.")) return nothingDone(null, "not a subscription event");
  const result = await applySubscriptionEvent(summarizeSubscription(parsed.object), {
    created: parsed.created,
    eventId: parsed.id,
    webhookEventId: event.id,
    deleted: opts.deleted,
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
