import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { getCompany } from "@/lib/services/admin/get-company";
import { updateCompany } from "@/lib/services/admin/update-company";
import {
  adminCompanyDetailSchema,
  adminCompanySchema,
  companyIdParamsSchema,
  updateCompanyRequestSchema,
} from "@/lib/services/admin/schemas";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";

const rule = { auth: "required", platformAdmin: true } as const satisfies AccessRule;

// GET /api/v1/admin/companies/{id} — one company with counts, last hour's traffic and its effective limits (platform admins)
export const GET = defineRoute<{ id: string }, typeof rule>(rule, async ({ params }) => {
  const { id } = companyIdParamsSchema.parse(params);
  return adminCompanyDetailSchema.parse(await getCompany(id));
});

// PATCH /api/v1/admin/companies/{id} — tier, suspension, limit overrides (platform admins); the edge applies it on the next request
export const PATCH = defineRoute<{ id: string }, typeof rule>(rule, async ({ req, params, caller, requestId }) => {
  const { id } = companyIdParamsSchema.parse(params);
  const patch = await readJson(req, updateCompanyRequestSchema, 20_000);
  return adminCompanySchema.parse(await updateCompany({ actor: actorFromCaller(caller, requestId), id, patch }));
});
