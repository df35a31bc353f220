import type Stripe from "stripe";
import type { WebhookEvent } from "@/lib/db/schema/webhook-events";
import { parseStripeEvent } from "@/lib/integrations/stripe/events";

/** The invoice event recorded in a webhook_events row, or null when the row holds something else. */
export function parseStripeInvoiceEvent(event: WebhookEvent) {
  const parsed = parseStripeEvent(event.payload as unknown as Pick<Stripe.Event, "id" | "type" | "created" | "data">);
  if (!parsed || (parsed.type !== "invoice.paid" && parsed.type !== "invoice.payment_failed")) return null;
  const inv = parsed.object;
  const metaCompany = inv.parent?.subscription_details
    ? (inv.parent.subscription_details as { metadata?: Record<string, unknown> }).metadata?.companyId
    : undefined;
  return { id: parsed.id, created: parsed.created, invoice: inv, companyHint: typeof metaCompany === "string" ? metaCompany : null };
}
