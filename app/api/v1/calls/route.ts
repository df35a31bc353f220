import { defineRoute } from "@/lib/api/define-route";
import { parseIdempotencyKey } from "@/lib/api/idempotency-key";
import { parseQuery } from "@/lib/api/parse-query";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { listCalls } from "@/lib/services/calls/list-calls";
import { placeCallFromApi } from "@/lib/services/calls/place-call-from-api";
import {
  callDetailSchema,
  callListMetaSchema,
  callListSchema,
  listCallsQuerySchema,
  placeCallBodySchema,
} from "@/lib/services/calls/schemas";

// GET /api/v1/calls — the company's calls newest first, filtered, keyset-paginated (meta.nextCursor)
export const GET = defineRoute({ auth: "required", permission: "calls:read", service: "calls" }, async ({ req, caller }) => {
  const query = parseQuery(req, listCallsQuerySchema);
  const { value, status } = await listCalls(caller.cid, query, { fresh: clientWantsFresh(req.headers) });
  const meta = callListMetaSchema.parse({ nextCursor: value.nextCursor, limit: query.limit });
  return withCacheHeader(ok(callListSchema.parse(value.items), { meta }), status);
});

// POST /api/v1/calls — the voice agent phones a customer or a number (Retell); 202 + the call, `registered`
export const POST = defineRoute({ auth: "required", permission: "calls:write", service: "calls" }, async ({ req, caller }) => {
  const body = await readJson(req, placeCallBodySchema);
  const placed = await placeCallFromApi(caller.cid, body, parseIdempotencyKey(req.headers));
  const headers: Record<string, string> = { location: `/api/v1/calls/${placed.call.id}`, "cache-control": "no-store" };
  if (placed.replayed) headers["idempotent-replayed"] = "true";
  return ok(callDetailSchema.parse(placed.call), { status: 202, headers });
});
