import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import { listApiKeys } from "@/lib/services/api-keys/list-api-keys";
import { apiKeyListSchema, createApiKeyRequestSchema, createdApiKeySchema, listApiKeysQuerySchema } from "@/lib/services/api-keys/schemas";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";

// GET /api/v1/api-keys — the company's keys, newest first (never a secret or a hash)
export const GET = defineRoute({ auth: "required", permission: "keys:manage", service: "settings" }, async ({ req, caller }) => {
  const query = parseQuery(req, listApiKeysQuerySchema);
  const page = await listApiKeys({ companyId: caller.cid, ...query });
  return ok(apiKeyListSchema.parse(page.items), { meta: { nextCursor: page.nextCursor } });
});

// POST /api/v1/api-keys — create a key; the secret is in this response and nowhere else, ever
export const POST = defineRoute(
  { auth: "required", permission: "keys:manage", service: "settings" },
  async ({ req, caller, requestId }) => {
    const body = await readJson(req, createApiKeyRequestSchema);
    const created = await createApiKey({
      companyId: caller.cid,
      actor: actorFromCaller(caller, requestId),
      name: body.name,
      scopes: body.scopes,
      environment: body.environment,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
    });
    return ok(createdApiKeySchema.parse(created), { status: 201, headers: { "cache-control": "no-store" } });
  },
);
