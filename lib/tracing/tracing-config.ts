type Env = Record<string, string | undefined>;

/**
 * Export over OTLP is on only when the operator points it somewhere: `OTEL_EXPORTER_OTLP_ENDPOINT` (or the
 * traces-only `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), or `OTEL_TRACES_EXPORTER=otlp`. `OTEL_TRACES_EXPORTER=none` turns it off.
 */
export function otlpExportEnabled(env: Env = process.env): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter === "none") return false;
  if (exporter === "otlp") return true;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * The built-in slowest-requests store (lib/tracing/slow-requests, the health page's waterfalls): on with
 * `TRACING_SLOWEST=1` alone (no tracing backend needed), and on by default whenever OTLP export is
 * (`TRACING_SLOWEST=0` turns it off then).
 */
export function slowestEnabled(env: Env = process.env): boolean {
  const value = env.TRACING_SLOWEST?.trim().toLowerCase();
  if (value === "1" || value === "true") return true;
  if (value === "0" || value === "false") return false;
  return otlpExportEnabled(env);
}

/**
 * Tracing is on when something consumes the spans: OTLP export or the slowest-requests store. Off by
 * default: no SDK is loaded and the app's spans are the API's no-ops.
 */
export function tracingEnabled(env: Env = process.env): boolean {
  return otlpExportEnabled(env) || slowestEnabled(env);
}
