import { breakerScriptKeys } from "./keys";
import { RECORD_SCRIPT } from "./lua";
import { TIMELINE_CAP, type BreakerPolicy } from "./policy";
import { runScript } from "@/lib/redis/run-script";
import type { BreakerState } from "./types";

/**
 * Reports a failure (any call) or a probe's outcome: one Redis trip, and the state after it. Opens
 * the breaker at the threshold, closes or reopens it after a probe; every change lands in the timeline.
 */
export async function recordResult(
  name: string,
  policy: BreakerPolicy,
  result: { ok: boolean; probeToken?: string; cause?: string; now: number },
): Promise<BreakerState> {
  const raw = (await runScript(RECORD_SCRIPT, breakerScriptKeys(name), [
    result.now,
    TIMELINE_CAP,
    name,
    result.ok ? "ok" : "fail",
    result.probeToken ?? "",
    policy.failureThreshold,
    policy.windowSec * 1000,
    policy.openSec * 1000,
    (result.cause ?? "").slice(0, 200),
    `${result.now}:${crypto.randomUUID()}`,
  ])) as unknown[];
  return String(raw[0]) as BreakerState;
}
