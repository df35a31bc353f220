import { ApiError } from "@/lib/api/errors";
import type { ErrorCode } from "@/lib/api/error-codes";

export const VENDORS = ["retell", "calcom", "stripe", "sendgrid"] as const;
export type Vendor = (typeof VENDORS)[number];

/** What a vendor's answer means to our client. The vendor's own text never reaches a response. */
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  bad_gateway: "An upstream service answered badly. Retry later.",
  unprocessable_entity: "An upstream service refused the request.",
  not_found: "Not found.",
  conflict: "This conflicts with the current state in an upstream service.",
  service_unavailable: "An upstream service is rate limiting us. Retry later.",
};

/**
 * A vendor call failed. An ApiError, so route handlers need no mapping: the code comes from the
 * vendor's status (below); `vendorStatus`, `vendorCode` and the cause stay on the error for logs.
 *
 * | vendor said                  | we answer                                   |
 * |------------------------------|---------------------------------------------|
 * | 400, 402, 422                | 422 unprocessable_entity                    |
 * | 401, 403 (our credential)    | 502 bad_gateway, `credentialRejected`       |
 * | 404                          | 404 not_found                               |
 * | 409                          | 409 conflict                                |
 * | 429 (after our bounded wait) | 503 service_unavailable + Retry-After       |
 * | 5xx, no answer, bad body     | 502 bad_gateway                             |
 */
export class VendorError extends ApiError {
  readonly vendor: Vendor;
  /** The vendor's HTTP status; null when it never answered (connection refused, reset). */
  readonly vendorStatus: number | null;
  /** The vendor's machine-readable code when it gave one (Stripe `code`, Cal.com `error.code`). */
  readonly vendorCode?: string;
  /** How long the vendor asked us to wait (429, some 503s). */
  readonly retryAfterMs?: number;
  /** The answer's body did not match the contract we parse it with (zod). */
  readonly malformed: boolean;

  constructor(
    vendor: Vendor,
    vendorStatus: number | null,
    opts: { vendorCode?: string; retryAfterMs?: number; malformed?: boolean; cause?: unknown; detail?: string } = {},
  ) {
    const code = opts.malformed ? "bad_gateway" : codeForStatus(vendorStatus);
    const headers =
      code === "service_unavailable" ? { "retry-after": String(Math.max(1, Math.ceil((opts.retryAfterMs ?? 1000) / 1000))) } : undefined;
    // The message is what a client reads; what the vendor said goes into `cause`, which only logs print.
    const diagnostic = `${vendor} ${vendorStatus ?? "no answer"}${opts.vendorCode ? ` ${opts.vendorCode}` : ""}${opts.malformed ? " malformed body" : ""}${opts.detail ? `: ${opts.detail.slice(0, 300)}` : ""}`;
    super(code, MESSAGES[code], { headers, cause: opts.cause ?? new Error(diagnostic) });
    this.name = "VendorError";
    this.vendor = vendor;
    this.vendorStatus = vendorStatus;
    this.vendorCode = opts.vendorCode;
    this.retryAfterMs = opts.retryAfterMs;
    this.malformed = opts.malformed ?? false;
    this.diagnostic = diagnostic;
  }

  /** One line for logs and the breaker's timeline: vendor, status, code. Never shown to clients. */
  readonly diagnostic: string;

  /** Our credential was refused: the company's integration settings need attention. */
  get credentialRejected(): boolean {
    return this.vendorStatus === 401 || this.vendorStatus === 403;
  }

  /** The vendor is unwell (or unreachable): counts against its circuit breaker. */
  get isOutage(): boolean {
    return this.malformed || this.vendorStatus === null || this.vendorStatus >= 500;
  }
}

function codeForStatus(status: number | null): ErrorCode {
  if (status === null || status >= 500) return "bad_gateway";
  if (status === 401 || status === 403) return "bad_gateway";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "service_unavailable";
  return "unprocessable_entity";
}
