import { ApiError } from "@/lib/api/errors";

/**
 * No instance of a remote service could answer (all unhealthy, or every try failed). An ApiError, so a
 * route that does not catch it answers 503 with Retry-After; a route with cached data catches it (or
 * passes `fallback` to forwardToService) and serves that instead.
 */
export class ServiceUnavailableError extends ApiError {
  readonly service: string;
  readonly retryAfterSeconds: number;
  /** What went wrong, for the log: `no healthy instance`, `http 503`, `tcp: ECONNREFUSED` … */
  readonly reason: string;

  constructor(service: string, reason: string, retryAfterSeconds: number, cause?: unknown) {
    super("service_unavailable", `The ${service} service is unavailable. Retry later.`, {
      headers: { "retry-after": String(retryAfterSeconds) },
      cause,
    });
    this.name = "ServiceUnavailableError";
    this.service = service;
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
