import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { ok } from "@/lib/api/respond";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { resendInvite } from "@/lib/services/team/resend-invite";
import { inviteParamsSchema, inviteSchema } from "@/lib/services/team/schemas";

const rule = { auth: "required", permission: "team:manage", service: "team" } as const satisfies AccessRule;

// POST /api/v1/team/invites/{id}/resend — a new link for 7 more days; the old link dies (answers the new invite)
export const POST = defineRoute<{ id: string }, typeof rule>(rule, async ({ params, caller, requestId }) => {
  const { id } = inviteParamsSchema.parse(params);
  const invite = await resendInvite({ companyId: caller.cid, id, actor: actorFromCaller(caller, requestId) });
  return ok(inviteSchema.parse(invite), { status: 201 });
});
