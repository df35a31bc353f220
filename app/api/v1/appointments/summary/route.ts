import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { calendarSummaryListSchema, calendarSummaryMetaSchema, calendarSummaryQuerySchema } from "@/lib/services/appointments/schemas";
import { summarizeCalendar } from "@/lib/services/appointments/summarize-calendar";

// GET /api/v1/appointments/summary — the month view: each local day's bookings counted by status, and its first few
export const GET = defineRoute({ auth: "required", permission: "appointments:read", service: "appointments" }, async ({ req, caller }) => {
  const query = parseQuery(req, calendarSummaryQuerySchema);
  const { value, status } = await summarizeCalendar(caller.cid, query, { fresh: clientWantsFresh(req.headers) });
  return withCacheHeader(ok(calendarSummaryListSchema.parse(value.items), { meta: calendarSummaryMetaSchema.parse(value.meta) }), status);
});
