import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { getOverview } from "@/lib/services/dashboard/get-overview";
import { dashboardOverviewSchema, overviewQuerySchema } from "@/lib/services/dashboard/schemas";

// GET /api/v1/dashboard/overview — calls, answered, answer rate, average duration, bookings, conversion vs the previous period
export const GET = defineRoute({ auth: "required", permission: "dashboard:read", service: "dashboard" }, async ({ req, caller }) => {
  const query = parseQuery(req, overviewQuerySchema);
  const { value, status } = await getOverview(caller.cid, query, { fresh: clientWantsFresh(req.headers) });
  return withCacheHeader(ok(dashboardOverviewSchema.parse(value)), status);
});
