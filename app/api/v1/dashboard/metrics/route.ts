import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { getMetrics } from "@/lib/services/dashboard/get-metrics";
import { dashboardMetricsSchema, metricsQuerySchema } from "@/lib/services/dashboard/schemas";

// GET /api/v1/dashboard/metrics — a daily series (company timezone) of calls, answered, bookings, average duration
export const GET = defineRoute({ auth: "required", permission: "dashboard:read", service: "dashboard" }, async ({ req, caller }) => {
  const query = parseQuery(req, metricsQuerySchema);
  const { value, status } = await getMetrics(caller.cid, query, { fresh: clientWantsFresh(req.headers) });
  return withCacheHeader(ok(dashboardMetricsSchema.parse(value)), status);
});
