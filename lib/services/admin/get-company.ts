import { eq } from "drizzle-orm";
import { companies } from "@/lib/db/schema/companies";
import { findOneOr404 } from "@/lib/db/tenant";
import type { AdminCompany } from "./schemas";
import { selectAdminCompanies } from "./select-admin-companies";

/** One company as the admin API shows it (platform admins); 404 when there is none. */
export async function getCompany(id: string, now = new Date()): Promise<AdminCompany> {
  return findOneOr404(selectAdminCompanies({ where: eq(companies.id, id), limit: 1, now }), "No such company.");
}
