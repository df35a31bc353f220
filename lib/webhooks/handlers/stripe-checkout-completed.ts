import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { companies } from "@/lib/db/schema/companies";
import { createStripeClient } from "@/lib/integrations/stripe/client";
import { parseStripeEvent } from "@/lib/integrations/stripe/events";
import { applySubscription } from "../apply/apply-subscription";
import { lockStripeCompany } from "../apply/lock-stripe-company";
import { writeThroughCompany } from "../apply/write-through-company";
import { writeTransaction } from "@/lib/db/write-transaction";
import { nothingDone, type WebhookEventHandler } from "./types";

/**
 * Stripe checkout.session.completed: the company bought a plan. Links the company (our
 * client_reference_id) to its Stripe customer and subscription, and applies the subscription as
 * Stripe has it now (read before the transaction, so no network call holds a row lock) — Stripe
 * does not promise that customer.subscription.created arrives first, or at all before this.
 */
export const stripeCheckoutCompleted: WebhookEventHandler = async ({ event }) => {
  const parsed = parseStripeEvent(event.payload as unknown as Pick<Stripe.Event, "id" | "type" | "created" | "data">);
  if (!parsed || parsed.type !== "checkout.session.completed") return nothingDone(null, "not a checkout event");
  const session = parsed.object;
  if (session.mode !== "subscription") return nothingDone(null, "not a subscription checkout");
  const subscription = session.subscription ? (await createStripeClient().getSubscription(session.subscription)).value : null;

  const result = await writeTransaction(async (tx) => {
    const company = await lockStripeCompany(tx, {
      customerId: session.customer,
      companyId: session.client_reference_id ?? session.metadata?.companyId,
    });
    if (!company) return null;
    if (subscription) {
      return {
        companyId: company.id,
        ...(await applySubscription(tx, company, subscription, { created: parsed.created, eventId: parsed.id, webhookEventId: event.id })),
      };
    }
    if (!company.stripeCustomerId && session.customer)
      await tx.update(companies).set({ stripeCustomerId: session.customer }).where(eq(companies.id, company.id));
    return { companyId: company.id, tierChange: null };
  });
  if (!result) return nothingDone(null, "no company for this checkout");
  return {
    companyId: result.companyId,
    events: result.tierChange ? [{ event: "settings.changed", companyId: result.companyId }] : [],
    after: [() => writeThroughCompany(result.companyId)],
  };
};
