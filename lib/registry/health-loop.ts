import { errorForLog, logger } from "@/lib/log/logger";
import { registryEnv } from "./env";
import { runRegistryHealthChecks, type HealthRound } from "./run-health-checks";

/**
 * Health rounds in this process every `intervalMs` (default REGISTRY_HEALTH_INTERVAL_MS), never two at
 * once. The worker runs the checks as a repeatable job instead (one round for the whole cluster); this
 * loop is for a deployment without workers and for tests, which inject a short interval.
 */
export function startRegistryHealthLoop(opts: { intervalMs?: number; timeoutMs?: number; onRound?: (round: HealthRound) => void } = {}): {
  stop(): Promise<void>;
} {
  const intervalMs = opts.intervalMs ?? registryEnv().REGISTRY_HEALTH_INTERVAL_MS;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    running = runRegistryHealthChecks({ timeoutMs: opts.timeoutMs })
      .then((round) => opts.onRound?.(round))
      .catch((err) => logger().warn({ ...errorForLog(err), component: "registry" }, "registry health round failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
