/**
 * The per-instance limiter used when Redis cannot answer in time and a layer's policy is to fail
 * open. It keeps the same fixed windows in this process' memory: N instances admit up to N× a
 * limit while Redis is away, which is the price of staying up (and is visible in health/metrics).
 */
const MAX_ENTRIES = 50_000;
// On globalThis: the proxy's bundle and the self-hosted server's front answers (lib/server) load this module
// separately in one process, and they must count in the same windows.
const WINDOWS = Symbol.for("switchboard.gateway.memoryWindows");
const holder = globalThis as typeof globalThis & { [WINDOWS]?: Map<string, { used: number; resetAt: number }> };
const windows = (holder[WINDOWS] ??= new Map());

export interface MemoryLayer {
  name: string;
  key: string;
  limit: number;
  windowSec: number;
}

function sweep(now: number) {
  if (windows.size < MAX_ENTRIES) return;
  for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
  // still full of live windows: drop the oldest half rather than grow without bound
  if (windows.size >= MAX_ENTRIES) [...windows.keys()].slice(0, MAX_ENTRIES / 2).forEach((k) => windows.delete(k));
}

/** All-or-nothing like the Redis script: nothing is consumed when any layer refuses. */
export function decideInMemory(layers: MemoryLayer[], now: number) {
  sweep(now);
  const current = layers.map((l) => {
    const slot = Math.floor(now / (l.windowSec * 1000));
    const id = `${l.key}:${slot}`;
    const resetAt = (slot + 1) * l.windowSec * 1000;
    const w = windows.get(id);
    return { layer: l, id, resetAt, used: w && w.resetAt > now ? w.used : 0 };
  });
  const refused = current.filter((c) => c.used + 1 > c.layer.limit).sort((a, b) => b.resetAt - a.resetAt)[0];
  if (refused) return { allowed: false as const, layer: refused.layer, remaining: 0, resetAt: refused.resetAt };
  let tightest = current[0];
  for (const c of current) {
    windows.set(c.id, { used: c.used + 1, resetAt: c.resetAt });
    if (tightest && c.layer.limit - c.used - 1 < tightest.layer.limit - tightest.used - 1) tightest = c;
  }
  return tightest
    ? { allowed: true as const, layer: tightest.layer, remaining: tightest.layer.limit - tightest.used - 1, resetAt: tightest.resetAt }
    : { allowed: true as const, layer: null, remaining: 0, resetAt: now };
}
