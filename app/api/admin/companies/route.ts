import { defineRoute } from "@/lib/api/define-route";
import { ok } from "@/lib/api/respond";
import { listCompanies } from "@/lib/services/admin/list-companies";
import { adminCompanyListSchema, listCompaniesQuerySchema } from "@/lib/services/admin/schemas";

// GET /api/admin/companies — every company with tier, status, overrides and counts (platform admins)
export const GET = defineRoute({ auth: "required", platformAdmin: true }, async ({ req }) => {
  const query = listCompaniesQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const page = await listCompanies(query);
  return ok(adminCompanyListSchema.parse(page.items), { meta: { nextCursor: page.nextCursor } });
});
