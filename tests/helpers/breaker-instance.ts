import { withBreaker } from "@/lib/breaker/with-breaker";
import { serveInstance } from "./cache-child-process";

/**
 * One more app instance for the breaker tests: fires `count` concurrent calls through the breaker
 * `name` at the injected instant `now`; `fn` waits `delayMs` and then succeeds or fails.
 *
 *   burst {name, count, now, outcome: "ok"|"fail", delayMs} → {fnCalls, results: ["ok"|"failed"|"refused"|"fallback:<reason>"…]}
 */
serveInstance({
  burst: async (args) => {
    const { name, count, now, outcome, delayMs, withFallback } = args as {
      name: string;
      count: number;
      now: number;
      outcome: "ok" | "fail";
      delayMs: number;
      withFallback?: boolean;
    };
    let fnCalls = 0;
    const fn = async () => {
      fnCalls++;
      await new Promise((r) => setTimeout(r, delayMs));
      if (outcome === "fail") throw new Error("upstream 500");
      return "live";
    };
    const results = await Promise.all(
      Array.from({ length: count }, () =>
        withBreaker(name, fn, { clock: () => now, ...(withFallback ? { fallback: () => "static" } : {}) }).then(
          (r) => (r.fallback ? `fallback:${r.reason}` : "ok"),
          (err: unknown) => (err instanceof Error && err.name === "BreakerOpenError" ? "refused" : "failed"),
        ),
      ),
    );
    return { fnCalls, results };
  },
});
