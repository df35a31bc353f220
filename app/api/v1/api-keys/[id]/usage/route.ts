import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { getApiKeyUsage } from "@/lib/services/api-keys/get-api-key-usage";
import { apiKeyIdParamsSchema, apiKeyUsageQuerySchema } from "@/lib/services/api-keys/schemas";

const rule = { auth: "required", permission: "keys:manage", service: "settings" } as const satisfies AccessRule;

// GET /api/v1/api-keys/{id}/usage?from&to — the key's requests by UTC day and outcome (ok, limited by layer, refused), last 30 days at most
export const GET = defineRoute<{ id: string }, typeof rule>(rule, async ({ req, params, caller }) => {
  const { id } = apiKeyIdParamsSchema.parse(params);
  const query = parseQuery(req, apiKeyUsageQuerySchema);
  return getApiKeyUsage({ companyId: caller.cid, id, ...query });
});
