import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { listActivity } from "@/lib/services/dashboard/list-activity";
import { activityListSchema, activityQuerySchema } from "@/lib/services/dashboard/schemas";

// GET /api/v1/dashboard/activity — the newest calls, bookings and emails, merged newest first (never cached: X-Cache BYPASS)
export const GET = defineRoute({ auth: "required", permission: "dashboard:read", service: "dashboard" }, async ({ req, caller }) => {
  const { limit } = parseQuery(req, activityQuerySchema);
  return withCacheHeader(ok(activityListSchema.parse(await listActivity(caller.cid, limit))), "BYPASS");
});
