import type { CalcomClient } from "@/lib/integrations/calcom/client";
import type { RetellClient } from "@/lib/integrations/retell/client";
import type { StripeClient } from "@/lib/integrations/stripe/client";

/**
 * What the outbound use cases talk to. Default: the company's own clients (its credentials, else the
 * platform's; lib/integrations/for-company.ts); tests pass clients on their own breakers.
 */
export interface OutboundDeps {
  calcom?: CalcomClient;
  retell?: RetellClient;
  stripe?: StripeClient;
  /** Wait before looking up a write whose answer was lost (default 1 s). */
  reconcileDelayMs?: number;
}
