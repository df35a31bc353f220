import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { changeMemberRole } from "@/lib/services/team/change-member-role";
import { removeMember } from "@/lib/services/team/remove-member";
import { changeRoleRequestSchema, memberParamsSchema, memberRemovedSchema, roleChangeResultSchema } from "@/lib/services/team/schemas";

const rule = { auth: "required", permission: "team:manage", service: "team" } as const satisfies AccessRule;

// PATCH /api/v1/team/members/{userId} — give a member another role (never above the caller's; one owner at least)
export const PATCH = defineRoute<{ userId: string }, typeof rule>(rule, async ({ req, params, caller, requestId }) => {
  const { userId } = memberParamsSchema.parse(params);
  const { role } = await readJson(req, changeRoleRequestSchema);
  const result = await changeMemberRole({ companyId: caller.cid, userId, role, actor: actorFromCaller(caller, requestId) });
  return roleChangeResultSchema.parse({ userId, ...result });
});

// DELETE /api/v1/team/members/{userId} — remove a member: their sessions and tokens end at the next request
export const DELETE = defineRoute<{ userId: string }, typeof rule>(rule, async ({ params, caller, requestId }) => {
  const { userId } = memberParamsSchema.parse(params);
  await removeMember({ companyId: caller.cid, userId, actor: actorFromCaller(caller, requestId) });
  return memberRemovedSchema.parse({ userId, removed: true });
});
