import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { revokeApiKey } from "@/lib/services/api-keys/revoke-api-key";
import { apiKeyIdParamsSchema, apiKeySchema } from "@/lib/services/api-keys/schemas";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";

const rule = { auth: "required", permission: "keys:manage", service: "settings" } as const satisfies AccessRule;

// DELETE /api/v1/api-keys/{id} — revoke a key at once (idempotent); answers the key's public shape
export const DELETE = defineRoute<{ id: string }, typeof rule>(rule, async ({ params, caller, requestId }) => {
  const { id } = apiKeyIdParamsSchema.parse(params);
  return apiKeySchema.parse(await revokeApiKey({ companyId: caller.cid, actor: actorFromCaller(caller, requestId), id }));
});
