import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { markFallback } from "@/lib/breaker/mark-fallback";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { listFreeSlots } from "@/lib/services/appointments/list-free-slots";
import { slotListSchema, slotsMetaSchema, slotsQuerySchema } from "@/lib/services/appointments/schemas";

// GET /api/v1/appointments/slots — free slots from Cal.com; its last answer (X-Gateway-Fallback) or 503 while it is down
export const GET = defineRoute({ auth: "required", permission: "appointments:read", service: "appointments" }, async ({ req, caller }) => {
  const query = parseQuery(req, slotsQuerySchema);
  const { value, fallback } = await listFreeSlots(caller.cid, query, { fresh: clientWantsFresh(req.headers) });
  const res = ok(slotListSchema.parse(value.slots), { meta: slotsMetaSchema.parse(value.meta) });
  return fallback ? markFallback(res, "calcom") : res;
});
