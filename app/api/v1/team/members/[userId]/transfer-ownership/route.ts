import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { memberParamsSchema, ownershipTransferSchema } from "@/lib/services/team/schemas";
import { transferOwnership } from "@/lib/services/team/transfer-ownership";

const rule = { auth: "required", permission: "team:manage", service: "team" } as const satisfies AccessRule;

// POST /api/v1/team/members/{userId}/transfer-ownership — the calling owner makes this member owner and becomes admin
export const POST = defineRoute<{ userId: string }, typeof rule>(rule, async ({ params, caller, requestId }) => {
  const { userId } = memberParamsSchema.parse(params);
  return ownershipTransferSchema.parse(
    await transferOwnership({ companyId: caller.cid, userId, actor: actorFromCaller(caller, requestId) }),
  );
});
