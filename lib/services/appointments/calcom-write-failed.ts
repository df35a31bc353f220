import { ApiError } from "@/lib/api/errors";
import { BreakerOpenError } from "@/lib/breaker/errors";
import { isCalcomOutage } from "./is-calcom-outage";

/** Seconds a client should wait before trying again while Cal.com is not answering. */
export const CALCOM_RETRY_AFTER_SEC = 30;

/**
 * A failed Cal.com call as the API answers it. An outage is 503 with Retry-After (an open breaker
 * keeps its own): nothing was written here, since our rows follow Cal.com's answer (a booking
 * Cal.com made without our hearing of it arrives by its webhook). Refusals pass through as they are.
 */
export function calcomWriteFailed(err: unknown): unknown {
  if (err instanceof BreakerOpenError || !isCalcomOutage(err)) return err;
  return new ApiError("service_unavailable", "The calendar provider is not answering right now; nothing was changed. Try again shortly.", {
    headers: { "retry-after": String(CALCOM_RETRY_AFTER_SEC) },
    cause: err,
  });
}
