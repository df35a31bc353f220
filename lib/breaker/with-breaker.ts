import { recordFallback } from "@/lib/metrics/recorder";
import { errorForLog, logger } from "@/lib/log/logger";
import { admitCall, type Admission } from "./admit-call";
import { breakerPolicy } from "./breaker-policy";
import { BreakerOpenError, BreakerTimeoutError } from "./errors";
import type { BreakerPolicy } from "./policy";
import { recordResult } from "./record-result";
import type { FallbackReason } from "./types";

export interface BreakerOptions<T> {
  /** Answers instead of the dependency when the breaker refuses or the call fails (cached or static data). */
  fallback?: (reason: FallbackReason) => T | Promise<T>;
  /** Overrides the dependency's row of the policy table for this call. */
  policy?: Partial<BreakerPolicy>;
  /** Which errors count against the dependency; default all. A Stripe card decline is an answer, not an outage. */
  isFailure?: (err: unknown) => boolean;
  /** Time source (epoch ms); tests inject one. */
  clock?: () => number;
}

export type BreakerResult<T> = { value: T; fallback: false } | { value: T; fallback: true; reason: FallbackReason };

/**
 * Step 8 of the request path: call a dependency through its circuit breaker, shared by all
 * instances through Redis.
 *
 * Redis trips: one to ask ("may I call"); a second only to report a failure or a probe's outcome.
 * A CLOSED call that succeeds costs one trip; an OPEN one costs one and never reaches `fn`.
 * `fn` gets an AbortSignal that fires at the policy's timeout. If Redis cannot answer, the call is
 * made (the breaker fails open: losing Redis must not also cut every external service).
 *
 * Throws `BreakerOpenError` (503) when refused without a fallback, `BreakerTimeoutError` (504) on a
 * timeout without one, and `fn`'s own error on a failure without one.
 */
export async function withBreaker<T>(
  name: string,
  fn: (signal: AbortSignal) => Promise<T>,
  opts: BreakerOptions<T> = {},
): Promise<BreakerResult<T>> {
  const policy = breakerPolicy(name, opts.policy);
  const clock = opts.clock ?? Date.now;
  const token = crypto.randomUUID();

  let admission: Admission;
  try {
    admission = await admitCall(name, policy, clock(), token);
  } catch (err) {
    logger().warn({ ...errorForLog(err), dependency: name }, "breaker: Redis unavailable, calling without the breaker");
    admission = { kind: "call" };
  }
  if (admission.kind === "open" || admission.kind === "half_open") {
    if (!opts.fallback) throw new BreakerOpenError(name, admission.retryAfterMs);
    recordFallback(name);
    return { value: await opts.fallback(admission.kind), fallback: true, reason: admission.kind };
  }
  const probeToken = admission.kind === "probe" ? token : undefined;

  let value: T;
  try {
    value = await callWithTimeout(name, fn, policy.timeoutMs);
  } catch (err) {
    const timedOut = err instanceof BreakerTimeoutError;
    const failed = timedOut || (opts.isFailure ?? (() => true))(err);
    await report(
      name,
      policy,
      { ok: !failed, probeToken, cause: failed ? causeOf(err) : undefined, now: clock() },
      failed || probeToken !== undefined,
    );
    if (failed && opts.fallback) {
      const reason: FallbackReason = timedOut ? "timeout" : "failure";
      recordFallback(name);
      return { value: await opts.fallback(reason), fallback: true, reason };
    }
    throw err;
  }
  await report(name, policy, { ok: true, probeToken, now: clock() }, probeToken !== undefined);
  return { value, fallback: false };
}

async function callWithTimeout<T>(name: string, fn: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new BreakerTimeoutError(name, timeoutMs);
      controller.abort(err);
      reject(err);
    }, timeoutMs);
  });
  try {
    return await Promise.race([fn(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function report(name: string, policy: BreakerPolicy, result: Parameters<typeof recordResult>[2], needed: boolean): Promise<void> {
  if (!needed) return;
  try {
    await recordResult(name, policy, result);
  } catch (err) {
    logger().warn({ ...errorForLog(err), dependency: name }, "breaker: could not record a result");
  }
}

/** What the health view shows as the cause: the error's class and first words, never a stack. */
function causeOf(err: unknown): string {
  if (err instanceof BreakerTimeoutError) return "timeout";
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 200);
  return String(err).slice(0, 200);
}
