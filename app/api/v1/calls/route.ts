import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { listCalls } from "@/lib/services/calls/list-calls";
import { callListMetaSchema, callListSchema, listCallsQuerySchema } from "@/lib/services/calls/schemas";

// GET /api/v1/calls — the company's calls newest first, filtered, keyset-paginated (meta.nextCursor)
export const GET = defineRoute({ auth: "required", permission: "calls:read", service: "calls" }, async ({ req, caller }) => {
  const query = parseQuery(req, listCallsQuerySchema);
  const { value, status } = await listCalls(caller.cid, query, { fresh: clientWantsFresh(req.headers) });
  const meta = callListMetaSchema.parse({ nextCursor: value.nextCursor, limit: query.limit });
  return withCacheHeader(ok(callListSchema.parse(value.items), { meta }), status);
});
