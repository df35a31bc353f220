import { DEFAULT_MESSAGES, ERROR_CODES, type ErrorCode } from "./error-codes";

export type ErrorDetails = Record<string, unknown> | Array<Record<string, unknown>>;

/** The one error type handlers throw. Its message is shown to the client: never put a secret, SQL or a dependency's text in it. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: ErrorDetails;
  /** Extra response headers, e.g. Retry-After on 429/503. */
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message?: string, opts: { details?: ErrorDetails; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message ?? DEFAULT_MESSAGES[code], { cause: opts.cause });
    this.name = "ApiError";
    this.code = code;
    this.status = ERROR_CODES[code];
    this.details = opts.details;
    this.headers = opts.headers;
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; details?: ErrorDetails };
}

export function errorBody(err: ApiError, requestId: string): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      requestId,
      ...(err.details === undefined ? {} : { details: err.details }),
    },
  };
}

/** The envelope as a Web Response; usable from the edge middleware and from route handlers. */
export function errorResponse(err: ApiError, requestId: string, extraHeaders: Record<string, string> = {}): Response {
  return Response.json(errorBody(err, requestId), {
    status: err.status,
    headers: { "x-request-id": requestId, "cache-control": "no-store", ...err.headers, ...extraHeaders },
  });
}
