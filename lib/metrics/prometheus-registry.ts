import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { LATENCY_BUCKETS_MS } from "./latency-buckets";

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "switchboard_" });
  const registers = [registry];
  return {
    registry,
    // — this process, counted as it happens —
    gatewayRedisTrips: new Counter({
      name: "switchboard_gateway_redis_trips_total",
      help: "Redis round trips this process's gateway made for its decisions (refunds included), by transport (tcp, rest).",
      labelNames: ["transport"] as const,
      registers,
    }),
    requests: new Counter({
      name: "switchboard_http_requests_total",
      help: "API requests answered by this instance, by route group, method and status class.",
      labelNames: ["group", "method", "status_class"] as const,
      registers,
    }),
    duration: new Histogram({
      name: "switchboard_http_request_duration_seconds",
      help: "API request latency on this instance, by route group.",
      labelNames: ["group"] as const,
      buckets: LATENCY_BUCKETS_MS.map((ms) => ms / 1000),
      registers,
    }),
    cache: new Counter({
      name: "switchboard_cache_requests_total",
      help: "Cache lookups on this instance by resource and result (hit, miss, stale, bypass).",
      labelNames: ["resource", "result"] as const,
      registers,
    }),
    reusedAnswers: new Counter({
      name: "switchboard_reused_answers_total",
      help: "Reads this instance's server answered again before Next, still current (lib/server/front-answers.ts), by route group.",
      labelNames: ["group"] as const,
      registers,
    }),
    fallbacks: new Counter({
      name: "switchboard_fallback_answers_total",
      help: "Answers served from a fallback (cached or static) because a dependency was unavailable, on this instance.",
      labelNames: ["dependency"] as const,
      registers,
    }),
    rollupRepairs: new Counter({
      name: "switchboard_rollup_repairs_total",
      help: "Rollup rows this process found different from the raw rows and fixed, by rollup.",
      labelNames: ["rollup"] as const,
      registers,
    }),
    // — the whole cluster, read from Redis at scrape time (any replica answers the same) —
    clusterRequests: new Counter({
      name: "switchboard_cluster_http_requests_total",
      help: "API requests answered by all instances, by route group and status class.",
      labelNames: ["group", "status_class"] as const,
      registers,
    }),
    clusterCache: new Counter({
      name: "switchboard_cluster_cache_requests_total",
      help: "Cache lookups on all instances by resource and result.",
      labelNames: ["resource", "result"] as const,
      registers,
    }),
    clusterFallbacks: new Counter({
      name: "switchboard_cluster_fallback_answers_total",
      help: "Fallback answers on all instances, by dependency.",
      labelNames: ["dependency"] as const,
      registers,
    }),
    clusterRollupRepairs: new Counter({
      name: "switchboard_cluster_rollup_repairs_total",
      help: "Rollup rows the reconcile jobs of all workers found different from the raw rows and fixed, by rollup.",
      labelNames: ["rollup"] as const,
      registers,
    }),
    edgeDecisions: new Counter({
      name: "switchboard_gateway_decisions_total",
      help: "Edge gateway decisions on all instances: allowed, limited (429) or denied.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: "switchboard_rate_limited_total",
      help: "Requests refused with 429 by the edge gateway, by the layer that tripped.",
      labelNames: ["layer"] as const,
      registers,
    }),
    denied: new Counter({
      name: "switchboard_gateway_denied_total",
      help: "Requests refused by the edge gateway before rate limiting (auth, suspended).",
      labelNames: ["reason"] as const,
      registers,
    }),
    breakerState: new Gauge({
      name: "switchboard_breaker_state",
      help: "Circuit breaker state per dependency: 1 for the current state (closed, open, half_open), 0 otherwise.",
      labelNames: ["dependency", "state"] as const,
      registers,
    }),
    breakerTransitions: new Gauge({
      name: "switchboard_breaker_recent_transitions",
      help: "State transitions in the breaker's recorded timeline, per dependency.",
      labelNames: ["dependency"] as const,
      registers,
    }),
    queueJobs: new Gauge({
      name: "switchboard_queue_jobs",
      help: "Jobs per queue and state (waiting, active, delayed, failed …), as the workers last reported.",
      labelNames: ["queue", "state"] as const,
      registers,
    }),
    outbox: new Gauge({
      name: "switchboard_queue_outbox_length",
      help: "Jobs enqueued by the app and not yet moved into a queue by a worker.",
      registers,
    }),
    deadLetters: new Gauge({
      name: "switchboard_dead_letter_jobs",
      help: "Jobs that failed for good and wait in the dead-letter list.",
      registers,
    }),
    workers: new Gauge({
      name: "switchboard_workers_alive",
      help: "Worker processes with a recent heartbeat.",
      registers,
    }),
    workerHeartbeatAge: new Gauge({
      name: "switchboard_worker_heartbeat_age_seconds",
      help: "Age of the freshest worker heartbeat (-1 when no worker ever reported).",
      registers,
    }),
    registryInstances: new Gauge({
      name: "switchboard_registry_instances",
      help: "Remote service instances by service and health status.",
      labelNames: ["service", "status"] as const,
      registers,
    }),
  };
}

export type ProcessMetrics = ReturnType<typeof create>;

// One registry per process: kept on globalThis so Next's dev reloads reuse it instead of
// registering every metric a second time (prom-client throws on a duplicate name).
const holder = globalThis as typeof globalThis & { __switchboardMetrics?: ProcessMetrics };

export function processMetrics(): ProcessMetrics {
  holder.__switchboardMetrics ??= create();
  return holder.__switchboardMetrics;
}
