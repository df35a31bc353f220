import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { revokeInvite } from "@/lib/services/team/revoke-invite";
import { inviteParamsSchema, inviteSchema } from "@/lib/services/team/schemas";

const rule = { auth: "required", permission: "team:manage", service: "team" } as const satisfies AccessRule;

// DELETE /api/v1/team/invites/{id} — revoke an invite: its link stops working at once (idempotent)
export const DELETE = defineRoute<{ id: string }, typeof rule>(rule, async ({ params, caller, requestId }) => {
  const { id } = inviteParamsSchema.parse(params);
  return inviteSchema.parse(await revokeInvite({ companyId: caller.cid, id, actor: actorFromCaller(caller, requestId) }));
});
