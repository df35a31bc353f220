import { ApiError } from "@/lib/api/errors";
import { runIdempotent } from "@/lib/api/run-idempotent";
import { BreakerTimeoutError } from "@/lib/breaker/errors";
import { VendorError } from "@/lib/integrations/http/vendor-error";
import type { VendorDeps } from "@/lib/integrations/vendor-deps";
import { getCall } from "./get-call";
import { placeCall } from "./place-call";
import type { CallDetail, PlaceCallBody } from "./schemas";

/** Retell did not take the call (down, 5xx, no answer, too slow): the client may retry, nothing was written. */
function asUnavailable(err: unknown): unknown {
  const outage =
    err instanceof BreakerTimeoutError || (err instanceof VendorError && (err.vendorStatus === null || err.vendorStatus >= 500));
  if (!outage) return err;
  return new ApiError("service_unavailable", "The phone service is unavailable; no call was placed. Retry shortly.", {
    headers: { "retry-after": "30" },
    cause: err,
  });
}

const callOf = async (companyId: string, id: string) => (await getCall(companyId, id, { fresh: true })).value;

/**
 * POST /api/v1/calls: the voice agent phones a customer (their number) or a number, through
 * placeCall (Retell client behind its breaker; the row is written `registered` and its webhooks
 * complete it). With an Idempotency-Key the same body answers with the same call (never a second
 * dial) and another body is 409. Retell being down answers 503 with Retry-After (an open breaker
 * already does) and leaves no row.
 */
export async function placeCallFromApi(
  companyId: string,
  body: PlaceCallBody,
  idempotencyKey: string | null,
  deps: VendorDeps = {},
): Promise<{ call: CallDetail; replayed: boolean }> {
  const { value, replayed } = await runIdempotent({
    companyId,
    scope: "calls",
    key: idempotencyKey,
    body,
    create: async () => {
      try {
        const placed = await placeCall(
          companyId,
          {
            customerId: body.customerId,
            to: body.toNumber,
            dynamicVariables: body.reason ? { reason: body.reason } : undefined,
            // Retell's own lookup (a lost answer is found, not re-dialled) takes keys up to 100 characters.
            idempotencyKey: idempotencyKey && idempotencyKey.length <= 100 ? idempotencyKey : undefined,
          },
          deps,
        );
        return { id: placed.id, value: await callOf(companyId, placed.id) };
      } catch (err) {
        throw asUnavailable(err);
      }
    },
    replay: async (id) => {
      try {
        return await callOf(companyId, id);
      } catch (err) {
        if (err instanceof ApiError && err.code === "not_found") return null;
        throw err;
      }
    },
  });
  return { call: value, replayed };
}
