import { redisKey } from "@/lib/redis/client";

/**
 * Redis key names of the breakers (shared by every app instance):
 *   br:<name>        hash: state, changedAt, cause, openUntil
 *   br:<name>:f      sorted set of failure times inside the window (CLOSED only)
 *   br:<name>:p      sorted set of probes in flight (HALF-OPEN), scored by admission time
 *   br:<name>:log    list of transitions, newest first, capped
 *   br:names         every dependency that ever failed, for the health view
 */
export const breakerKeys = {
  state: (name: string) => redisKey("br", name),
  failures: (name: string) => redisKey("br", name, "f"),
  probes: (name: string) => redisKey("br", name, "p"),
  timeline: (name: string) => redisKey("br", name, "log"),
  names: () => redisKey("br", "names"),
};

/** KEYS order both breaker scripts use. */
export function breakerScriptKeys(name: string): string[] {
  return [breakerKeys.state(name), breakerKeys.probes(name), breakerKeys.timeline(name), breakerKeys.failures(name), breakerKeys.names()];
}
