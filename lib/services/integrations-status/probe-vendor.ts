import type { BreakerPolicy } from "@/lib/breaker/policy";
import { createCalcomClient } from "@/lib/integrations/calcom/client";
import { VendorError, type Vendor } from "@/lib/integrations/http/vendor-error";
import { createRetellClient } from "@/lib/integrations/retell/client";
import { stripeConnection } from "@/lib/integrations/stripe/connection";
import { stripeCall } from "@/lib/integrations/stripe/stripe-call";

/** A customer id no account has: looking it up is a read that proves Stripe took the key. */
const STRIPE_PROBE_CUSTOMER = "cus_switchboard_connection_check";

/**
 * One cheap read per vendor, through its client (so through its breaker, retries and timeout like
 * any product call): it resolves when the vendor answered and accepted the key, and throws what the
 * client threw otherwise. SendGrid has none here: it is only used to send mail (see CONNECTION_CHECKS).
 * `policy` narrows the vendor's breaker policy for this call (the connection test's short timeout).
 */
export const VENDOR_PROBES: Record<Exclude<Vendor, "sendgrid">, (apiKey: string, policy?: Partial<BreakerPolicy>) => Promise<void>> = {
  // POST /v3/list-calls, one item.
  retell: async (apiKey, policy) => {
    await createRetellClient({ apiKey, policy }).listCalls({ limit: 1 });
  },
  // GET /v2/bookings, one item.
  calcom: async (apiKey, policy) => {
    await createCalcomClient({ apiKey, policy }).listBookings({ take: 1 });
  },
  // GET /v1/customers/<none>: Stripe authenticates before it looks, so a 404 means the key works.
  stripe: async (secretKey, policy) => {
    try {
      await stripeCall(stripeConnection({ secretKey, policy }), (stripe) => stripe.customers.retrieve(STRIPE_PROBE_CUSTOMER), {
        read: true,
      });
    } catch (err) {
      if (err instanceof VendorError && err.vendorStatus === 404) return;
      throw err;
    }
  },
};

export function hasProbe(vendor: Vendor): vendor is keyof typeof VENDOR_PROBES {
  return Object.hasOwn(VENDOR_PROBES, vendor);
}
