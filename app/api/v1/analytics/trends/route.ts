import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { getAnalyticsTrend } from "@/lib/services/analytics/get-analytics-trend";
import { analyticsTrendSchema, trendsQuerySchema } from "@/lib/services/analytics/schemas";

// GET /api/v1/analytics/trends — one metric by day, week or month in the company's time zone
export const GET = defineRoute({ auth: "required", permission: "analytics:read", service: "analytics" }, async ({ req, caller }) => {
  const query = parseQuery(req, trendsQuerySchema);
  const { value, status } = await getAnalyticsTrend(caller.cid, query, { fresh: clientWantsFresh(req.headers) });
  return withCacheHeader(ok(analyticsTrendSchema.parse(value)), status);
});
