import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { listCustomerTimeline } from "@/lib/services/customers/list-customer-timeline";
import { customerIdParamsSchema, customerListMetaSchema, timelineQuerySchema, timelineSchema } from "@/lib/services/customers/schemas";

const rule = { auth: "required", permission: "customers:read", service: "customers" } as const satisfies AccessRule;

// GET /api/v1/customers/{id}/timeline — calls, bookings and emails, newest first, one keyset cursor
export const GET = defineRoute<{ id: string }, typeof rule>(rule, async ({ req, params, caller }) => {
  const { id } = customerIdParamsSchema.parse(params);
  const query = parseQuery(req, timelineQuerySchema);
  const { value, status } = await listCustomerTimeline(caller.cid, id, query, { fresh: clientWantsFresh(req.headers) });
  const meta = customerListMetaSchema.parse({ nextCursor: value.nextCursor, limit: query.limit });
  return withCacheHeader(ok(timelineSchema.parse(value.items), { meta }), status);
});
