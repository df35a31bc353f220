import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { getAnalyticsKpis } from "@/lib/services/analytics/get-analytics-kpis";
import { analyticsKpisSchema, kpisQuerySchema } from "@/lib/services/analytics/schemas";

// GET /api/v1/analytics/kpis — answer rate, average duration, conversion, no-show rate, sentiment mix, revenue vs the previous period
export const GET = defineRoute({ auth: "required", permission: "analytics:read", service: "analytics" }, async ({ req, caller }) => {
  const query = parseQuery(req, kpisQuerySchema);
  const { value, status } = await getAnalyticsKpis(caller.cid, query, { fresh: clientWantsFresh(req.headers) });
  return withCacheHeader(ok(analyticsKpisSchema.parse(value)), status);
});
