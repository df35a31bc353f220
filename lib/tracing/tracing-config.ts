/**
 * Tracing is on only when the operator points it somewhere: `OTEL_EXPORTER_OTLP_ENDPOINT` (or the
 * traces-only `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), or `OTEL_TRACES_EXPORTER=otlp`. Off by default:
 * no SDK is loaded and the app's spans are the API's no-ops. `OTEL_TRACES_EXPORTER=none` turns it off.
 */
export function tracingEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter === "none") return false;
  if (exporter === "otlp") return true;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}
