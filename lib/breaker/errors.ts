import { ApiError } from "@/lib/api/errors";

/**
 * The breaker refused the call (OPEN, or HALF-OPEN with its probe slots taken) and there was no
 * fallback. An ApiError, so `toApiError` passes it through as 503 `service_unavailable` with
 * `Retry-After` in seconds; the dependency's name stays on the error for logs, not in the message.
 */
export class BreakerOpenError extends ApiError {
  readonly dependency: string;
  readonly retryAfterSec: number;

  constructor(dependency: string, retryAfterMs: number) {
    const retryAfterSec = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super("service_unavailable", undefined, { headers: { "retry-after": String(retryAfterSec) } });
    this.name = "BreakerOpenError";
    this.dependency = dependency;
    this.retryAfterSec = retryAfterSec;
  }
}

/** The dependency did not answer within the policy's `timeoutMs` (504 `gateway_timeout`). */
export class BreakerTimeoutError extends ApiError {
  readonly dependency: string;

  constructor(dependency: string, timeoutMs: number) {
    super("gateway_timeout", undefined, { details: { timeoutMs } });
    this.name = "BreakerTimeoutError";
    this.dependency = dependency;
  }
}
