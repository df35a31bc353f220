import type { Logger } from "pino";
import { logger } from "@/lib/log/logger";
import type { DependencyStatus } from "./check-ready";

const holder = globalThis as typeof globalThis & { __switchboardReadyState?: string };

/**
 * One log line per change of readiness, not one per probe: an error when a dependency goes down (or
 * another one does), an info line when all are back. Probes run once a second during an outage; the
 * 503 answers themselves are not errors of ours and are logged as ordinary requests.
 */
export function logReadyChange(ready: { ok: boolean; checks: DependencyStatus[] }, log: Logger = logger()): void {
  const down = ready.checks.filter((c) => !c.ok);
  // The names only: a reason flipping between timeout and unreachable mid-outage is no new state.
  const state = ready.ok ? "ready" : down.map((c) => c.name).join(", ");
  const previous = holder.__switchboardReadyState;
  if (state === previous) return;
  holder.__switchboardReadyState = state;
  if (!ready.ok) log.error({ checks: ready.checks }, `not ready: ${down.map((c) => `${c.name} ${c.reason ?? "down"}`).join(", ")}`);
  else if (previous !== undefined) log.info({ checks: ready.checks }, "ready again");
}
