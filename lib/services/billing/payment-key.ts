import { createHash } from "node:crypto";

/** A payments key that fits the column: the PaymentIntent id when Stripe gives one, else a stable name for the attempt. */
export function paymentKey(...parts: string[]): string {
  const key = parts.join(":");
  return key.length <= 64 ? key : `h:${createHash("sha256").update(key).digest("hex").slice(0, 60)}`;
}
