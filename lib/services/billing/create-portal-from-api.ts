import { runIdempotent } from "@/lib/api/run-idempotent";
import { appEnv } from "@/lib/env/app";
import { createPortal } from "./create-portal";

/**
 * POST /api/v1/billing/portal: createPortal behind the Idempotency-Key (the same key within 24 h
 * answers a portal session again — Stripe's key per customer and minute makes a quick retry the same one).
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
      return { id: "portal", value: portal };
    },
    replay: async () => createPortal(companyId, { returnUrl }),
  });
  return { url: value.url, replayed };
}
