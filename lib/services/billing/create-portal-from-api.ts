import { runIdempotent } from "@/lib/api/run-idempotent";
import { appEnv } from "@/lib/env/app";
import { createPortal } from "./create-portal";

/**
 * POST /api/v1/billing/portal: createPortal behind the Idempotency-Key (the same key within 24 h
 * answers the first portal session's URL again, kept with the claim: no second call to Stripe).
 */
export async function createPortalFromApi(companyId: string, idempotencyKey: string | null): Promise<{ url: string; replayed: boolean }> {
  // Back on /billing, the page waits for the webhooks of what was changed there (usePlanRefresh).
  const returnUrl = `${appEnv().APP_URL.replace(/\/$/, "")}/billing?portal=return`;
  const { value, replayed } = await runIdempotent({
    companyId,
    scope: "billing-portal",
    key: idempotencyKey,
    body: {},
    create: async () => {
      const portal = await createPortal(companyId, { returnUrl });
      return { id: "portal", value: { url: portal.url } };
    },
    keepAnswer: true,
    replay: async (_id, answer) => answer ?? null,
  });
  return { url: value.url, replayed };
}
