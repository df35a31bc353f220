/**
 * Preloaded into the app's process by `npm run bench:soak` only (`--import`, never by `npm start`):
 * answers `{type: "memory?"}` on the IPC channel its parent opened with the process's memory after a
 * full garbage collection (the process runs with --expose-gc), so the bench reads the server's heap
 * without an HTTP endpoint that a deployment could expose.
 */
interface MemoryAnswer {
  type: "memory";
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

if (process.send && process.channel) {
  process.on("message", (message: { type?: string }) => {
    if (message?.type !== "memory?") return;
    (globalThis as { gc?: () => void }).gc?.();
    const usage = process.memoryUsage();
    const answer: MemoryAnswer = {
      type: "memory",
      rss: usage.rss,
      heapUsed: usage.heapUsed,
      heapTotal: usage.heapTotal,
      external: usage.external,
    };
    process.send?.(answer);
  });
  // The listener must not keep the process alive on its own (exit-with-parent.ts unrefs it too).
  process.channel.unref();
}

export {};
