// Preloaded (`node --import tsx --import ./scripts/lib/exit-with-parent.ts …`) into the processes the
// launcher spawns with an IPC channel (stdio "ipc"). When the parent is gone — even SIGKILLed, which
// it cannot forward, or exited through process.exit — the kernel closes the channel, and this process
// stops as on SIGTERM (its own graceful stop: the worker drains, the server closes) instead of living
// on as an orphan that keeps consuming the same Redis, database and ports.
if (process.send && process.channel) {
  // The channel alone must not keep the process alive.
  process.channel.unref();
  process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
}

export {};
