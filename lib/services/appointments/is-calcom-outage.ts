import { ApiError } from "@/lib/api/errors";
import { BreakerOpenError, BreakerTimeoutError } from "@/lib/breaker/errors";
import { VendorError } from "@/lib/integrations/http/vendor-error";

/** Cal.com is not answering: its breaker is open, it timed out, answered 5xx or nothing. Its refusals (4xx) are answers. */
export function isCalcomOutage(err: unknown): boolean {
  if (err instanceof BreakerOpenError || err instanceof BreakerTimeoutError) return true;
  if (err instanceof VendorError) return err.isOutage;
  return !(err instanceof ApiError);
}
