import { breakerScriptKeys } from "./keys";
import { ADMIT_SCRIPT } from "./lua";
import type { BreakerPolicy } from "./policy";
import { TIMELINE_CAP } from "./policy";
import { runScript } from "@/lib/redis/run-script";

export type Admission = { kind: "call" } | { kind: "probe" } | { kind: "open" | "half_open"; retryAfterMs: number };

/**
 * "May I call?": one Redis trip. Moves OPEN → HALF-OPEN when the open period is over and hands
 * out probe slots atomically, so exactly `halfOpenProbes` callers across all instances probe.
 */
export async function admitCall(name: string, policy: BreakerPolicy, now: number, token: string): Promise<Admission> {
  // A probe slot is held at most as long as the probe may run, plus a margin for the report.
  const leaseMs = policy.timeoutMs + 1_000;
  const raw = (await runScript(ADMIT_SCRIPT, breakerScriptKeys(name), [
    now,
    TIMELINE_CAP,
    name,
    policy.halfOpenProbes,
    leaseMs,
    token,
  ])) as unknown[];
  const kind = String(raw[0]);
  if (kind === "call" || kind === "probe") return { kind };
  if (kind === "open" || kind === "half_open") return { kind, retryAfterMs: Number(raw[1]) };
  throw new Error(`breaker: unexpected admission answer ${kind}`);
}
