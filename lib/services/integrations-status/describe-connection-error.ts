import { BreakerOpenError, BreakerTimeoutError } from "@/lib/breaker/errors";
import { VendorError, type Vendor } from "@/lib/integrations/http/vendor-error";
import { INTEGRATION_NAMES, type ConnectionError } from "./schemas";

/** `2026-05-01T10:31:05Z`: whole seconds, UTC. */
export const isoSeconds = (ms: number) => new Date(Math.ceil(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

/** The breaker paused the vendor: nothing was sent. */
export function breakerOpenError(vendor: Vendor, retryAtMs: number): ConnectionError {
  const retryAt = isoSeconds(retryAtMs);
  return {
    code: "breaker_open",
    message: `${INTEGRATION_NAMES[vendor]} is temporarily paused after repeated failures; retrying at ${retryAt}.`,
    retryAt,
  };
}

export function credentialError(vendor: Vendor, state: "missing" | "unreadable"): ConnectionError {
  const name = INTEGRATION_NAMES[vendor];
  return state === "missing"
    ? { code: "not_configured", message: `${name} is not set up for your company: add its credentials in Settings.` }
    : { code: "credential_unreadable", message: `The stored ${name} credential could not be read: enter it again in Settings.` };
}

/**
 * What a failed test tells the person who ran it: a stable code and our own words, from the typed
 * error the client threw (never its message, which may carry the vendor's text). Null for an error
 * we do not know: the caller logs it and answers `unexpected`.
 */
export function describeConnectionError(
  vendor: Vendor,
  err: unknown,
  source: "company" | "platform",
  now = Date.now(),
): ConnectionError | null {
  const name = INTEGRATION_NAMES[vendor];
  if (err instanceof BreakerOpenError) return breakerOpenError(vendor, now + err.retryAfterSec * 1000);
  if (err instanceof BreakerTimeoutError) {
    const ms = Number((err.details as { timeoutMs?: unknown } | undefined)?.timeoutMs);
    return { code: "timeout", message: `${name} did not answer within ${Number.isFinite(ms) ? Math.round(ms / 1000) : "the allowed"} s.` };
  }
  if (!(err instanceof VendorError)) return null;
  if (err.credentialRejected) {
    return {
      code: "credential_rejected",
      message:
        source === "company"
          ? `${name} refused your company's API key: check it in Settings.`
          : `${name} refused the platform's API key: contact support, or add your own key in Settings.`,
    };
  }
  if (err.vendorStatus === 429) {
    const retryAt = isoSeconds(now + (err.retryAfterMs ?? 1_000));
    return { code: "rate_limited", message: `${name} is rate limiting requests; try again after ${retryAt}.`, retryAt };
  }
  if (err.malformed) return { code: "malformed_response", message: `${name} answered in an unexpected format.` };
  if (err.vendorStatus === null) return { code: "unreachable", message: `${name} could not be reached.` };
  if (err.vendorStatus >= 500) return { code: "vendor_error", message: `${name} answered with an error (HTTP ${err.vendorStatus}).` };
  return { code: "refused", message: `${name} refused the test request (HTTP ${err.vendorStatus}).` };
}
