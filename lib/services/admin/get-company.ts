import { eq } from "drizzle-orm";
import { companies, type LimitOverrides } from "@/lib/db/schema/companies";
import { findOneOr404 } from "@/lib/db/tenant";
import { listEffectiveLimits } from "./list-effective-limits";
import type { AdminCompanyDetail } from "./schemas";
import { selectAdminCompanies } from "./select-admin-companies";

/** One company as the admin API shows it (platform admins), with its effective limits per layer; 404 when there is none. */
export async function getCompany(id: string, now = new Date()): Promise<AdminCompanyDetail> {
  const company = await findOneOr404(selectAdminCompanies({ where: eq(companies.id, id), limit: 1, now }), "No such company.");
  return { ...company, limits: listEffectiveLimits(company.tier, company.limitOverrides as LimitOverrides | null) };
}
