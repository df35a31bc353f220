import { defineRoute } from "@/lib/api/define-route";
import { assertMetricsAccess } from "@/lib/metrics/metrics-access";
import { renderPrometheus } from "@/lib/metrics/render-prometheus";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/metrics — Prometheus text: this instance's metrics plus cluster-wide ones from Redis.
// `auth: "none"` because a scraper has no session: METRICS_TOKEN or a platform admin (see assertMetricsAccess).
export const GET = defineRoute({ auth: "none" }, async ({ req, caller }) => {
  assertMetricsAccess(req, caller);
  const { contentType, body } = await renderPrometheus();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
