import { gatewayHealth } from "./gateway-health";
import type { HealthScope } from "./health-scope";

export interface HealthStreamOptions {
  /** One `health` event this often (default 1 s). */
  intervalMs?: number;
  /** A comment line this often, so proxies keep an idle connection open (default 15 s). */
  heartbeatMs?: number;
  /**
   * The stream ends after this long (default 5 min) and EventSource reconnects through the gateway,
   * which authenticates again: a revoked session cannot keep watching forever.
   */
  maxDurationMs?: number;
}

const encoder = new TextEncoder();

/**
 * Server-sent events for the live health view: `event: health` with the gatewayHealth payload about once
 * a second, `: heartbeat` comments, `event: unavailable` when a tick could not be computed. Stops as soon
 * as `signal` aborts (the client went away) or the reader cancels.
 */
export function healthEventStream(scope: HealthScope, signal: AbortSignal, opts: HealthStreamOptions = {}): ReadableStream<Uint8Array> {
  const intervalMs = opts.intervalMs ?? 1_000;
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const maxDurationMs = opts.maxDurationMs ?? 300_000;
  let closed = false;
  let tickTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  let endTimer: ReturnType<typeof setTimeout> | undefined;
  let stop: () => void = () => undefined;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      stop = () => {
        if (closed) return;
        closed = true;
        clearTimeout(tickTimer);
        clearInterval(heartbeatTimer);
        clearTimeout(endTimer);
        signal.removeEventListener("abort", stop);
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      };
      if (signal.aborted) return stop();
      signal.addEventListener("abort", stop, { once: true });

      let seq = 0;
      const tick = async () => {
        try {
          const payload = await gatewayHealth(scope);
          send(`event: health\nid: ${++seq}\ndata: ${JSON.stringify(payload)}\n\n`);
        } catch {
          send(`event: unavailable\ndata: ${JSON.stringify({ message: "Health data is unavailable right now." })}\n\n`);
        }
        if (!closed) tickTimer = setTimeout(() => void tick(), intervalMs);
      };
      send(`retry: 3000\n: connected ${new Date().toISOString()}\n\n`);
      void tick();
      heartbeatTimer = setInterval(() => send(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
      endTimer = setTimeout(() => {
        send(`event: end\ndata: {}\n\n`);
        stop();
      }, maxDurationMs);
    },
    cancel() {
      stop();
    },
  });
}
