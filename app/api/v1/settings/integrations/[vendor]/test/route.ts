import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { ApiError } from "@/lib/api/errors";
import { ok } from "@/lib/api/respond";
import { connectionTestSchema, integrationVendorParamsSchema } from "@/lib/services/integrations-status/schemas";
import { testIntegrationConnection } from "@/lib/services/integrations-status/test-integration-connection";

const rule = { auth: "required", permission: "settings:manage", service: "settings" } as const satisfies AccessRule;

// POST /api/v1/settings/integrations/{vendor}/test — one cheap read through the vendor's client; 200 with ok:false when it fails
export const POST = defineRoute<{ vendor: string }, typeof rule>(rule, async ({ params, caller }) => {
  const parsed = integrationVendorParamsSchema.safeParse(params);
  if (!parsed.success) throw new ApiError("not_found", "No such integration.");
  const result = await testIntegrationConnection(caller.cid, parsed.data.vendor);
  return ok(connectionTestSchema.parse(result), { headers: { "cache-control": "no-store" } });
});
