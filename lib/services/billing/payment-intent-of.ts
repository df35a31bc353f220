import type { StripeInvoice } from "./apply-invoice";

/** Stripe's PaymentIntent id of an invoice, where API versions put it (absent on newer ones). */
export function paymentIntentOf(inv: StripeInvoice): string | null {
  const pi = (inv as { payment_intent?: unknown }).payment_intent;
  if (typeof pi === "string") return pi;
  if (pi && typeof pi === "object" && typeof (pi as { id?: unknown }).id === "string") return (pi as { id: string }).id;
  return null;
}
