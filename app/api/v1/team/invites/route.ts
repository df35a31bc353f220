import { defineRoute } from "@/lib/api/define-route";
import { parseIdempotencyKey } from "@/lib/api/idempotency-key";
import { parseQuery } from "@/lib/api/parse-query";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { createInviteFromApi } from "@/lib/services/team/create-invite-from-api";
import { listInvites } from "@/lib/services/team/list-invites";
import { createInviteRequestSchema, inviteListSchema, inviteSchema, listInvitesQuerySchema } from "@/lib/services/team/schemas";

// GET /api/v1/team/invites — open invites (pending and expired), newest first
export const GET = defineRoute({ auth: "required", permission: "team:manage", service: "team" }, async ({ req, caller }) => {
  const query = parseQuery(req, listInvitesQuerySchema);
  const page = await listInvites({ companyId: caller.cid, ...query });
  return ok(inviteListSchema.parse(page.items), { meta: { nextCursor: page.nextCursor } });
});

// POST /api/v1/team/invites — invite by email with a role no higher than the caller's; the email leaves through SendGrid; Idempotency-Key honoured
export const POST = defineRoute({ auth: "required", permission: "team:manage", service: "team" }, async ({ req, caller, requestId }) => {
  const body = await readJson(req, createInviteRequestSchema);
  const invite = await createInviteFromApi(
    { companyId: caller.cid, ...body, actor: actorFromCaller(caller, requestId) },
    parseIdempotencyKey(req.headers),
  );
  return ok(inviteSchema.parse(invite), { status: 201 });
});
