export type BreakerState = "closed" | "open" | "half_open";

/** Why a fallback answered instead of the dependency. */
export type FallbackReason = "open" | "half_open" | "failure" | "timeout";

export interface BreakerTransition {
  /** Epoch ms. */
  at: number;
  from: BreakerState;
  to: BreakerState;
  cause: string;
}
