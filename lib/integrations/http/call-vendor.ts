import { BreakerOpenError, BreakerTimeoutError } from "@/lib/breaker/errors";
import { BREAKER_POLICIES, type BreakerPolicy } from "@/lib/breaker/policy";
import type { FallbackReason } from "@/lib/breaker/types";
import { withBreaker, type BreakerResult } from "@/lib/breaker/with-breaker";
import { inSpan } from "@/lib/tracing/tracer";
import { backoffMs, sleep } from "./retry-delay";
import { VendorError, type Vendor } from "./vendor-error";

/** Where a client's calls go through: the vendor's breaker, or another name (tests, per-account breakers). */
export interface BreakerTarget {
  vendor: Vendor;
  /** Breaker name; default the vendor's. The vendor's policy row applies whatever the name. */
  breakerName?: string;
  /** Overrides on top of the vendor's row of lib/breaker/policy.ts (e.g. a shorter timeout). */
  policy?: Partial<BreakerPolicy>;
}

/** When a failed attempt may be sent again. Only for calls whose contract makes a repeat harmless. */
export interface RetryPlan {
  /** Attempts in all, the first included. */
  attempts: number;
  /** May this error be retried? (Reads: outages and 429s. Creates: 429s only — a 429 was not accepted.) */
  retryable: (err: unknown) => boolean;
  /** Backoff base for errors without a Retry-After. */
  baseDelayMs?: number;
  /** A vendor asking for a longer wait than this is not retried: the caller gets the error at once. */
  maxWaitMs?: number;
}

export interface CallOptions<T> {
  /** Answers instead of the vendor when its breaker is open or it fails (cached or static data). */
  fallback?: (reason: FallbackReason) => T | Promise<T>;
}

export const READ_RETRY: RetryPlan = {
  attempts: 2,
  retryable: (err) => isOutage(err) || isRateLimited(err),
  baseDelayMs: 200,
  maxWaitMs: 5_000,
};
export const RATE_LIMIT_RETRY: RetryPlan = { attempts: 2, retryable: isRateLimited, baseDelayMs: 200, maxWaitMs: 5_000 };

/**
 * A vendor call through its circuit breaker. Each attempt is its own breaker call (so each failure
 * counts, and an open breaker stops the retries at once); only outages count against the breaker —
 * a 404 or a refused booking is an answer. With a `fallback`, an outage (open breaker, timeout,
 * 5xx, unreachable) answers from it; any other error is thrown.
 */
export async function callVendor<T>(
  target: BreakerTarget,
  attempt: (signal: AbortSignal) => Promise<T>,
  opts: CallOptions<T> & { retry?: RetryPlan } = {},
): Promise<BreakerResult<T>> {
  const name = target.breakerName ?? target.vendor;
  // A span per vendor call, retries included (a no-op unless tracing is on). Names and statuses only:
  // never the request, the answer or the vendor's error text.
  return inSpan(`vendor ${target.vendor}`, { "switchboard.vendor": target.vendor, "switchboard.breaker.name": name }, async (span) => {
    try {
      const result = await callThroughBreaker(name, target, attempt, opts);
      // "open"/"half_open": the breaker refused the call; "admitted": it let the call through.
      const refused = result.fallback && (result.reason === "open" || result.reason === "half_open");
      span.setAttributes({
        "switchboard.breaker.state": refused ? result.reason : "admitted",
        "switchboard.vendor.outcome": result.fallback ? "fallback" : "ok",
      });
      if (result.fallback) span.setAttribute("switchboard.vendor.fallback_reason", result.reason);
      return result;
    } catch (err) {
      span.setAttributes({
        "switchboard.breaker.state": err instanceof BreakerOpenError ? "open" : "admitted",
        "switchboard.vendor.outcome": "error",
      });
      if (err instanceof VendorError && err.vendorStatus !== null) span.setAttribute("switchboard.vendor.status", err.vendorStatus);
      throw err;
    }
  });
}

async function callThroughBreaker<T>(
  name: string,
  target: BreakerTarget,
  attempt: (signal: AbortSignal) => Promise<T>,
  opts: CallOptions<T> & { retry?: RetryPlan },
): Promise<BreakerResult<T>> {
  const policy = { ...BREAKER_POLICIES[target.vendor], ...target.policy };
  const plan = opts.retry ?? { attempts: 1, retryable: () => false };
  let lastError: unknown;
  for (let n = 1; n <= plan.attempts; n++) {
    try {
      return await withBreaker(name, attempt, { policy, isFailure: isOutage });
    } catch (err) {
      lastError = err;
      if (err instanceof BreakerOpenError || n === plan.attempts || !plan.retryable(err)) break;
      const asked = err instanceof VendorError ? err.retryAfterMs : undefined;
      if (asked !== undefined && asked > (plan.maxWaitMs ?? 5_000)) break;
      await sleep(asked ?? backoffMs(n, plan.baseDelayMs ?? 200));
    }
  }
  if (opts.fallback && (lastError instanceof BreakerOpenError || isOutage(lastError))) {
    const reason: FallbackReason =
      lastError instanceof BreakerOpenError ? "open" : lastError instanceof BreakerTimeoutError ? "timeout" : "failure";
    return { value: await opts.fallback(reason), fallback: true, reason };
  }
  throw lastError;
}

/** Counts against the breaker: no answer, a 5xx, a body that breaks the contract, a timeout. */
export function isOutage(err: unknown): boolean {
  if (err instanceof VendorError) return err.isOutage;
  if (err instanceof BreakerOpenError) return false;
  // Timeouts, aborted sockets, DNS failures: anything that is not an answer.
  return true;
}

export function isRateLimited(err: unknown): boolean {
  return err instanceof VendorError && err.vendorStatus === 429;
}

/**
 * The request may have been carried out although we got no usable answer: a timeout, a dropped
 * connection, a 5xx, a 2xx we could not parse. A create that ends like this must be reconciled,
 * never blindly sent again.
 */
export function isAmbiguous(err: unknown): boolean {
  if (err instanceof BreakerOpenError) return false;
  if (err instanceof VendorError) return err.isOutage;
  return true;
}
