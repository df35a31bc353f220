import type { ErrorDetails, ErrorBody } from "@/lib/api/errors";
import type { ErrorCode } from "@/lib/api/error-codes";

/** Codes the browser adds to the server's table: the request never got an answer, or not a JSON one. */
export type ClientErrorCode = ErrorCode | "network_error" | "invalid_response";

/**
 * What `apiFetch` throws: the server's error envelope `{error:{code,message,requestId,details}}`
 * plus the HTTP status and `Retry-After` (seconds). `status` is 0 when the request never got an answer.
 */
export class ApiClientError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly requestId: string | null;
  readonly details?: ErrorDetails;
  /** Seconds to wait before retrying (429, 503), from `Retry-After`; null when the server did not say. */
  readonly retryAfterSec: number | null;

  constructor(init: {
    status: number;
    code: ClientErrorCode;
    message: string;
    requestId?: string | null;
    details?: ErrorDetails;
    retryAfterSec?: number | null;
  }) {
    super(init.message);
    this.name = "ApiClientError";
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.details = init.details;
    this.retryAfterSec = init.retryAfterSec ?? null;
  }

  /** 4xx other than 429: asking again will not help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429;
  }
}

export function isApiClientError(err: unknown): err is ApiClientError {
  return err instanceof ApiClientError;
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date (RFC 9110). */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

function isErrorBody(body: unknown): body is ErrorBody {
  const e = (body as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  return !!e && typeof e === "object" && typeof e.code === "string" && typeof e.message === "string";
}

const FALLBACK_CODE: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  429: "rate_limited",
  502: "bad_gateway",
  503: "service_unavailable",
  504: "gateway_timeout",
};

/** The typed error for a non-2xx response, from its envelope when it has one. */
export function errorFromResponse(res: Response, body: unknown): ApiClientError {
  const retryAfterSec = parseRetryAfter(res.headers.get("retry-after"));
  const headerRequestId = res.headers.get("x-request-id");
  if (isErrorBody(body)) {
    const { code, message, requestId, details } = body.error;
    return new ApiClientError({ status: res.status, code, message, requestId: requestId ?? headerRequestId, details, retryAfterSec });
  }
  const code = FALLBACK_CODE[res.status] ?? (res.status >= 500 ? "internal_error" : "invalid_response");
  return new ApiClientError({
    status: res.status,
    code,
    message: `The server answered ${res.status}.`,
    requestId: headerRequestId,
    retryAfterSec,
  });
}
