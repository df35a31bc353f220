import { breakerStates } from "@/lib/breaker/breaker-states";
import { breakerTimeline } from "@/lib/breaker/breaker-timeline";

/**
 * How metrics and the health view read circuit breakers. The breaker module (lib/breaker) owns the
 * state in Redis and its key layout; this reads it through breakerStates/breakerTimeline. Tests can
 * connect another source with `connectBreakerSource`.
 */
export type BreakerState = "closed" | "open" | "half_open";

export interface BreakerStateView {
  /** Dependency name: calcom, retell, stripe, sendgrid, a remote service instance … */
  name: string;
  state: BreakerState;
  /** Epoch ms of the last transition. */
  since?: number | null;
  cause?: string | null;
  /** While OPEN: when a probe may go through (epoch ms). */
  openUntil?: number | null;
  failuresInWindow?: number;
}

export interface BreakerTransition {
  /** Epoch ms. */
  at: number;
  from: BreakerState;
  to: BreakerState;
  cause?: string;
}

export interface BreakerTransitionView extends BreakerTransition {
  name: string;
}

/** Shaped after lib/breaker's `breakerStates()` and `breakerTimeline(name)`, so connecting them is one line. */
export interface BreakerSource {
  states(): Promise<BreakerStateView[]>;
  timeline(name: string): Promise<BreakerTransition[]>;
}

const FROM_BREAKERS: BreakerSource = { states: () => breakerStates(), timeline: (name) => breakerTimeline(name) };

const holder = globalThis as typeof globalThis & { __switchboardBreakerSource?: BreakerSource };

/** Call once at start-up: `connectBreakerSource({ states: breakerStates, timeline: breakerTimeline })`. */
export function connectBreakerSource(source: BreakerSource): void {
  holder.__switchboardBreakerSource = source;
}

export function breakerSource(): BreakerSource {
  return holder.__switchboardBreakerSource ?? FROM_BREAKERS;
}

/** States plus the recent transitions of every breaker, newest first, bounded. */
export async function readBreakers(limit = 50): Promise<{ states: BreakerStateView[]; transitions: BreakerTransitionView[] }> {
  const source = breakerSource();
  const states = await source.states();
  const timelines = await Promise.all(
    states.map(async (s) => (await source.timeline(s.name)).map((t): BreakerTransitionView => ({ ...t, name: s.name }))),
  );
  const transitions = timelines
    .flat()
    .sort((a, b) => b.at - a.at)
    .slice(0, limit);
  return { states, transitions };
}
