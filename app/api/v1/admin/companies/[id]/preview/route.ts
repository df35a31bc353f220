import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { previewCompanyLimits } from "@/lib/services/admin/preview-company-limits";
import { companyIdParamsSchema, companyPreviewSchema, previewCompanyRequestSchema } from "@/lib/services/admin/schemas";

const rule = { auth: "required", platformAdmin: true } as const satisfies AccessRule;

// POST /api/v1/admin/companies/{id}/preview — what a tier or override change would do: limits before → after, last hour replayed (platform admins)
export const POST = defineRoute<{ id: string }, typeof rule>(rule, async ({ req, params }) => {
  const { id } = companyIdParamsSchema.parse(params);
  const proposal = await readJson(req, previewCompanyRequestSchema, 20_000);
  return companyPreviewSchema.parse(await previewCompanyLimits({ id, proposal }));
});
