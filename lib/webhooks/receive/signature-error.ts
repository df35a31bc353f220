import type { Logger } from "pino";
import { ApiError } from "@/lib/api/errors";
import type { Vendor } from "@/lib/integrations/http/vendor-error";
import type { SignatureProblem } from "@/lib/integrations/webhooks/hmac";

/**
 * A delivery that does not verify: 401 (missing, forged or stale: one message for all, so a forger
 * learns nothing), 400 for a header that is not even well-formed, 500 when we have no secret to
 * verify with (a configuration error: the vendor retries while someone fixes it). The precise
 * reason goes to the log only.
 */
export function signatureError(vendor: Vendor, problem: SignatureProblem | "unknown_account", log: Logger): ApiError {
  if (problem === "no_secret") {
    log.error({ vendor, problem }, "webhook: no secret to verify with; configure it");
    return new ApiError("internal_error");
  }
  log.info({ vendor, problem }, "webhook: delivery refused");
  if (problem === "malformed") return new ApiError("bad_request", "The webhook signature header is malformed.");
  return new ApiError("unauthorized", "The webhook signature does not verify.");
}
