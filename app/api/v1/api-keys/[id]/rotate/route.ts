import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { rotateApiKey } from "@/lib/services/api-keys/rotate-api-key";
import { apiKeyIdParamsSchema, rotateApiKeyRequestSchema, rotatedApiKeySchema } from "@/lib/services/api-keys/schemas";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";

const rule = { auth: "required", permission: "keys:manage", service: "settings" } as const satisfies AccessRule;

// POST /api/v1/api-keys/{id}/rotate — new secret (shown once); the old key works for the grace period
export const POST = defineRoute<{ id: string }, typeof rule>(rule, async ({ req, params, caller, requestId }) => {
  const { id } = apiKeyIdParamsSchema.parse(params);
  // The body is optional: without one the default grace period (24 h) applies.
  const body = req.headers.get("content-type") ? await readJson(req, rotateApiKeyRequestSchema) : rotateApiKeyRequestSchema.parse({});
  const rotated = await rotateApiKey({
    companyId: caller.cid,
    actor: actorFromCaller(caller, requestId),
    id,
    gracePeriodSeconds: body.gracePeriodSeconds,
  });
  return ok(rotatedApiKeySchema.parse(rotated), { status: 201, headers: { "cache-control": "no-store" } });
});
