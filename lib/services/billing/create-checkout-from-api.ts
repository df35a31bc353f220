import { eq } from "drizzle-orm";
import { runIdempotent } from "@/lib/api/run-idempotent";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import type { PaidTier } from "@/lib/integrations/stripe/prices";
import { createCheckout } from "./create-checkout";

/**
 * POST /api/v1/billing/checkout: createCheckout behind the Idempotency-Key (the same key and body
 * within 24 h answer the same session; another body 409). The first answer is kept with the claim
 * and a replay answers it as it was, without asking Stripe again (which could make another session),
 * while it is still the company's open session; once another checkout replaced it (expired) or it
 * was paid, the key is free again and the request runs as new.
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
    keepAnswer: true,
    replay: async (sessionId, answer) => {
      const [company] = await getDb()
        .select({ open: companies.stripeCheckoutSessionId })
        .from(companies)
        .where(eq(companies.id, companyId))
        .limit(1);
      return answer && company?.open === sessionId ? answer : null;
    },
  });
  return { url: value.url, replayed };
}
