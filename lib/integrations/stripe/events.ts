import type Stripe from "stripe";
import type { z } from "zod";
import { stripeCheckoutSessionSchema, stripeInvoiceSchema, stripeSubscriptionSchema } from "./schemas";

/** The events Switchboard subscribes to; any other verified event is acknowledged and ignored. */
export const STRIPE_HANDLED_EVENTS = [
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
] as const;
export type StripeHandledEvent = (typeof STRIPE_HANDLED_EVENTS)[number];

const OBJECT_SCHEMAS = {
  "checkout.session.completed": stripeCheckoutSessionSchema,
  "customer.subscription.created": stripeSubscriptionSchema,
  "customer.subscription.updated": stripeSubscriptionSchema,
  "customer.subscription.deleted": stripeSubscriptionSchema,
  "invoice.paid": stripeInvoiceSchema,
  "invoice.payment_failed": stripeInvoiceSchema,
} as const;

type Parsed<E extends StripeHandledEvent> = { type: E; id: string; created: number; object: z.infer<(typeof OBJECT_SCHEMAS)[E]> };
export type ParsedStripeEvent = { [E in StripeHandledEvent]: Parsed<E> }[StripeHandledEvent];

/**
 * A verified event (from `constructStripeEvent`) narrowed to what the product handles: null for
 * events we do not handle; throws ZodError (→ 400) when a handled event's object breaks the contract.
 * Dedupe on `event.id` (webhook_events (provider, event_id)).
 */
export function parseStripeEvent(event: Pick<Stripe.Event, "id" | "type" | "created" | "data">): ParsedStripeEvent | null {
  if (!(STRIPE_HANDLED_EVENTS as readonly string[]).includes(event.type)) return null;
  const type = event.type as StripeHandledEvent;
  const object = OBJECT_SCHEMAS[type].parse(event.data.object);
  return { type, id: event.id, created: event.created, object } as ParsedStripeEvent;
}

/** The subscription an invoice belongs to, wherever this API version put it. */
export function invoiceSubscriptionId(invoice: z.infer<typeof stripeInvoiceSchema>): string | null {
  return invoice.parent?.subscription_details?.subscription ?? invoice.subscription ?? null;
}
