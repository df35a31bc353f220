import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { listActivity } from "@/lib/services/dashboard/list-activity";
import { activityListSchema, activityQuerySchema } from "@/lib/services/dashboard/schemas";

// GET /api/v1/dashboard/activity — the newest calls, bookings and emails, merged newest first
export const GET = defineRoute({ auth: "required", permission: "dashboard:read", service: "dashboard" }, async ({ req, caller }) => {
  const { limit } = parseQuery(req, activityQuerySchema);
  return activityListSchema.parse(await listActivity(caller.cid, limit));
});
