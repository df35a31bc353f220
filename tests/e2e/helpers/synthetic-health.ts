import type { PlatformHealth } from "@/lib/metrics/gateway-health";

/**
 * A platform health payload with everything going wrong at once — an open and a half-open breaker,
 * 429s on three layers, an unhealthy remote instance, a stalled queue — for UI tests that must not
 * wait for real failures.
 */
export function syntheticPlatformHealth(nowMs: number): PlatformHealth {
  const nowSec = Math.floor(nowMs / 1000);
  const series = Array.from({ length: 60 }, (_, i) => ({
    t: nowSec - 60 + i,
    requests: 18 + ((i * 7) % 11),
    errors: i % 13 === 0 ? 2 : 0,
    p95: 40 + (i % 5) * 6,
    limited: i > 40 ? 3 + (i % 4) : 0,
  }));
  const latency = { p50: 12, p95: 48, p99: 120 };
  return {
    scope: "platform",
    generatedAt: new Date(nowMs).toISOString(),
    requests: {
      perSecond: { last10s: 23.4, last60s: 22.1 },
      total: { last10s: 234, last60s: 1326 },
      statusClasses: { "2xx": 1200, "4xx": 100, "5xx": 26 },
      errorRate: 0.0196,
      latencyMs: { last10s: latency, last60s: { ...latency, mean: 18 } },
      groups: { calls: 800, dashboard: 526 },
    },
    series,
    edge: {
      perSecond: { last10s: 25, last60s: 23.3 },
      allowed: 1326,
      limitedByLayer: { company: 40, endpoint: 25, global_burst: 5 },
      limited: 70,
      denied: { auth: 3 },
    },
    cache: {
      hits: 500,
      misses: 120,
      stale: 30,
      bypass: 10,
      hitRatio: 0.815,
      byResource: { calls: { hit: 300, miss: 50, stale: 10 }, dashboard: { hit: 200, miss: 70, stale: 20 } },
    },
    fallbacks: { calcom: 12 },
    breakers: {
      states: [
        {
          name: "calcom",
          state: "open",
          since: nowMs - 20_000,
          cause: "5 failures in 5 min",
          openUntil: nowMs + 40_000,
          failuresInWindow: 5,
        },
        { name: "retell", state: "half_open", since: nowMs - 5_000, cause: null, openUntil: null, failuresInWindow: 5 },
        { name: "sendgrid", state: "closed", since: null, cause: null, openUntil: null, failuresInWindow: 0 },
        { name: "stripe", state: "closed", since: null, cause: null, openUntil: null, failuresInWindow: 1 },
      ],
      transitions: [
        { name: "calcom", at: nowMs - 20_000, from: "closed", to: "open", cause: "5 failures in 5 min (http 503)" },
        { name: "retell", at: nowMs - 5_000, from: "open", to: "half_open" },
        { name: "retell", at: nowMs - 65_000, from: "closed", to: "open", cause: "timeout" },
      ],
    },
    registry: {
      healthIntervalMs: 30_000,
      services: [
        {
          name: "calls",
          version: "0.1.0",
          mode: "remote",
          source: "env",
          instances: [
            {
              url: "http://10.0.0.5:4000",
              source: "env",
              status: "healthy",
              lastCheckedAt: nowMs - 12_000,
              lastError: null,
              consecutiveFailures: 0,
              latencyMs: 8,
            },
            {
              url: "http://10.0.0.6:4000",
              source: "env",
              status: "unhealthy",
              lastCheckedAt: nowMs - 12_000,
              lastError: "tcp: ECONNREFUSED",
              consecutiveFailures: 3,
              latencyMs: null,
            },
          ],
        },
        { name: "dashboard", version: "0.1.0", mode: "in_process", source: "default", instances: [] },
        { name: "analytics", version: "0.1.0", mode: "in_process", source: "default", instances: [] },
      ],
    },
    dependencies: [
      { name: "mysql", ok: true, latencyMs: 3 },
      { name: "redis", ok: true, latencyMs: 2 },
      { name: "queue", ok: false, latencyMs: 4, reason: "no worker heartbeat in the last 30 s" },
    ],
    queue: {
      ok: false,
      outbox: 14,
      deadLetters: 2,
      heartbeatAgeMs: 45_000,
      workers: [],
      queues: { default: { waiting: 14, active: 0, delayed: 1, failed: 2 } },
    },
    unavailable: [],
  };
}
