import type { CalcomClient } from "./calcom/client";
import type { RetellClient } from "./retell/client";
import type { StripeClient } from "./stripe/client";

/**
 * The vendor clients a domain service talks to (booking, placing a call, checkout). Default: the
 * company's own clients (its credentials, else the platform's; for-company.ts) or the platform's
 * Stripe; tests pass clients on their own breakers.
 */
export interface VendorDeps {
  calcom?: CalcomClient;
  retell?: RetellClient;
  stripe?: StripeClient;
  /** Wait before looking up a write whose answer was lost (default 1 s). */
  reconcileDelayMs?: number;
}
