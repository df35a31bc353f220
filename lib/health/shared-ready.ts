import { checkReady } from "./check-ready";
import { logReadyChange } from "./log-ready-change";

/** How long one answer of the probes is shared: short enough that the launcher's wait and a load balancer see a change within a second. */
export const READY_SHARE_MS = 1_000;

type Ready = Awaited<ReturnType<typeof checkReady>>;

interface Shared {
  value: Promise<Ready>;
  /** When the probes finished; undefined while they run. */
  settledAt?: number;
}

const holder = globalThis as typeof globalThis & { __switchboardReady?: Shared };

/**
 * /api/health/ready is public and unauthenticated, so its MySQL, Redis and queue probes run at most
 * once per READY_SHARE_MS per instance, whoever asks and however often: callers during a run wait
 * for that run, callers within a second of its end get its result. Still truthful — every answer
 * is at most a second older than the probes behind it. A change of state is logged once (logReadyChange).
 */
export function sharedReady(now: () => number = Date.now, probe: () => Promise<Ready> = checkReady): Promise<Ready> {
  const current = holder.__switchboardReady;
  if (current && (current.settledAt === undefined || now() - current.settledAt < READY_SHARE_MS)) return current.value;
  const entry: Shared = {
    value: probe().then((ready) => {
      logReadyChange(ready);
      return ready;
    }),
  };
  entry.value = entry.value.finally(() => {
    entry.settledAt = now();
  });
  holder.__switchboardReady = entry;
  return entry.value;
}
