import { runIdempotent } from "@/lib/api/run-idempotent";
import { createPortal } from "./create-portal";

/**
 * POST /api/v1/billing/portal: createPortal behind the Idempotency-Key (the same key within 24 h
 * answers a portal session again — Stripe's key per customer and minute makes a quick retry the same one).
 */
export async function createPortalFromApi(companyId: string, idempotencyKey: string | null): Promise<{ url: string; replayed: boolean }> {
  const { value, replayed } = await runIdempotent({
    companyId,
    scope: "billing-portal",
    key: idempotencyKey,
    body: {},
    create: async () => {
      const portal = await createPortal(companyId);
      return { id: "portal", value: portal };
    },
    replay: async () => createPortal(companyId),
  });
  return { url: value.url, replayed };
}
