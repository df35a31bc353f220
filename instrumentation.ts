/**
 * Runs once when a Next server starts (next start, next dev, scripts/server.ts): in production it
 * refuses to serve without its secrets, so `next start` alone is held to the same rule as `npm start`.
 * Not while `next build` collects pages (no secrets there: the Docker build has none).
 *
 * Tracing (OpenTelemetry over OTLP/HTTP) starts here only when OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_TRACES_EXPORTER=otlp is set; otherwise no SDK is even loaded. Node runtime only: the edge
 * middleware is not traced yet.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { refuseUnsafeProduction } = await import("@/lib/env/refuse-unsafe-production");
  refuseUnsafeProduction();
  const { tracingEnabled } = await import("@/lib/tracing/tracing-config");
  if (tracingEnabled()) {
    const { registerTracing } = await import("@/lib/tracing/register-tracing");
    registerTracing();
  }
}
