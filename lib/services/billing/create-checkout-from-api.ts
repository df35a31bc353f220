import { runIdempotent } from "@/lib/api/run-idempotent";
import type { PaidTier } from "@/lib/integrations/stripe/prices";
import { createCheckout } from "./create-checkout";

/**
 * POST /api/v1/billing/checkout: createCheckout behind the Idempotency-Key (the same key and body
 * within 24 h answer the same session; another body 409). A replay asks Stripe again with the same
 * Stripe idempotency key (company + tier + day), which answers the same session.
 */
export async function createCheckoutFromApi(
  companyId: string,
  tier: PaidTier,
  idempotencyKey: string | null,
): Promise<{ url: string; replayed: boolean }> {
  const { value, replayed } = await runIdempotent({
    companyId,
    scope: "billing-checkout",
    key: idempotencyKey,
    body: { tier },
    create: async () => {
      const session = await createCheckout(companyId, tier);
      return { id: session.sessionId, value: { url: session.url } };
    },
    replay: async () => ({ url: (await createCheckout(companyId, tier)).url }),
  });
  return { url: value.url, replayed };
}
