import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { listCompanies } from "@/lib/services/admin/list-companies";
import { adminCompanyListSchema, listCompaniesQuerySchema } from "@/lib/services/admin/schemas";

// GET /api/v1/admin/companies — every company with tier, status, overrides and counts (platform admins)
export const GET = defineRoute({ auth: "required", platformAdmin: true }, async ({ req }) => {
  const query = parseQuery(req, listCompaniesQuerySchema);
  const page = await listCompanies(query);
  return ok(adminCompanyListSchema.parse(page.items), { meta: { nextCursor: page.nextCursor } });
});
