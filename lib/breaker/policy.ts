/**
 * Circuit breaker settings per dependency (SPEC "Circuit breaker", seed 004): CLOSED → OPEN after
 * `failureThreshold` failures within `windowSec`; OPEN for `openSec` with no calls sent; then
 * HALF-OPEN admits `halfOpenProbes` concurrent probes (success closes, failure reopens). A call
 * that takes longer than `timeoutMs` is abandoned and counts as a failure.
 */
export interface BreakerPolicy {
  failureThreshold: number;
  windowSec: number;
  openSec: number;
  halfOpenProbes: number;
  timeoutMs: number;
}

/** The seed's numbers: 5 failures in 5 minutes, 60 s open, one probe. */
export const BREAKER_DEFAULTS = {
  failureThreshold: 5,
  windowSec: 300,
  openSec: 60,
  halfOpenProbes: 1,
  timeoutMs: 10_000,
} as const satisfies BreakerPolicy;

/**
 * Known dependencies and where they differ from the defaults. Any other name (e.g. a remote
 * service instance, `svc:appointments@svi_…`) gets the defaults.
 */
export const BREAKER_POLICIES = {
  // Booking reads sit in front of the calendar page; a slow Cal.com should not hold it for long.
  calcom: { timeoutMs: 8_000 },
  retell: { timeoutMs: 8_000 },
  // Stripe calls may legitimately take long (invoices, payment intents); Stripe recovers fast.
  stripe: { timeoutMs: 20_000, openSec: 30 },
  // Mail is queued and retried by the worker, so the breaker may stay open longer.
  sendgrid: { timeoutMs: 10_000, openSec: 120 },
} as const satisfies Record<string, Partial<BreakerPolicy>>;

export type KnownDependency = keyof typeof BREAKER_POLICIES;

/** Transitions kept per dependency for the health view. */
export const TIMELINE_CAP = 100;
