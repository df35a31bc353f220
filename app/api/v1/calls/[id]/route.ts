import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { getCall } from "@/lib/services/calls/get-call";
import { callDetailQuerySchema, callDetailSchema, callIdParamsSchema } from "@/lib/services/calls/schemas";

const rule = { auth: "required", permission: "calls:read", service: "calls" } as const satisfies AccessRule;

// GET /api/v1/calls/{id} — transcript, recording, analysis, customer and the appointment booked during the call
export const GET = defineRoute<{ id: string }, typeof rule>(rule, async ({ req, params, caller }) => {
  const { id } = callIdParamsSchema.parse(params);
  parseQuery(req, callDetailQuerySchema);
  const { value, status } = await getCall(caller.cid, id, { fresh: clientWantsFresh(req.headers) });
  return withCacheHeader(ok(callDetailSchema.parse(value)), status);
});
