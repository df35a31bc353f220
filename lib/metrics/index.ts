// Metrics and the live gateway view. Node runtime only (prom-client).
export {
  recordRequest,
  recordCacheResult,
  recordFallback,
  recordRollupRepairs,
  flushMetrics,
  stopMetricsRecorder,
  type RequestSample,
} from "./recorder";
export { renderPrometheus } from "./render-prometheus";
export { gatewayHealth, type GatewayHealth, type PlatformHealth, type CompanyHealth } from "./gateway-health";
export { healthScopeFor, type HealthScope } from "./health-scope";
export { healthEventStream, type HealthStreamOptions } from "./health-stream";
export { hasMetricsToken } from "./metrics-token";
export { connectBreakerSource, type BreakerSource, type BreakerStateView, type BreakerTransitionView } from "./breaker-source";
export { rollupEdgeStats } from "./rollup-edge-stats";
export type { CacheResult } from "./labels";
