import { sql, type Column, type SQL } from "drizzle-orm";
import type { MySqlTable } from "drizzle-orm/mysql-core";
import { getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { companies } from "@/lib/db/schema/companies";
import { memberships } from "@/lib/db/schema/memberships";
import { errorForLog, logger } from "@/lib/log/logger";
import { readLastHourTraffic } from "@/lib/metrics/read-last-hour-traffic";
import { adminCompanySchema, type AdminCompany } from "./schemas";

export interface SelectAdminCompaniesInput {
  where?: SQL;
  limit: number;
  now: Date;
}

/**
 * `table`.`column`, always qualified: drizzle leaves columns unqualified in a single-table query,
 * which inside a correlated subquery would bind `id` to the inner table.
 */
const col = (table: MySqlTable, column: Column) => sql`${table}.${sql.identifier(column.name)}`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Companies with their member and active-key counts (correlated subqueries, each served by the
 * company_id-first index of its table) and last hour's edge traffic (one Redis pipeline), newest
 * first, shaped through the response schema.
 */
export async function selectAdminCompanies(input: SelectAdminCompaniesInput): Promise<AdminCompany[]> {
  const rows = await getDb()
    .select({
      company: companies,
      memberCount:
        sql<number>`(select count(*) from ${memberships} where ${col(memberships, memberships.companyId)} = ${col(companies, companies.id)})`.mapWith(
          Number,
        ),
      activeApiKeyCount:
        sql<number>`(select count(*) from ${apiKeys} where ${col(apiKeys, apiKeys.companyId)} = ${col(companies, companies.id)}
        and ${col(apiKeys, apiKeys.revokedAt)} is null
        and (${col(apiKeys, apiKeys.expiresAt)} is null or ${col(apiKeys, apiKeys.expiresAt)} > ${input.now})
        and (${col(apiKeys, apiKeys.graceExpiresAt)} is null or ${col(apiKeys, apiKeys.graceExpiresAt)} > ${input.now}))`.mapWith(Number),
    })
    .from(companies)
    .where(input.where)
    .orderBy(sql`${companies.id} desc`)
    .limit(input.limit);

  const traffic = await readLastHourTraffic(
    rows.map((r) => r.company.id),
    input.now.getTime(),
  ).catch((err: unknown) => {
    logger().warn({ ...errorForLog(err), component: "admin" }, "last hour's traffic unavailable; companies listed without it");
    return null;
  });
  return rows.map(({ company, memberCount, activeApiKeyCount }) =>
    adminCompanySchema.parse({
      id: company.id,
      name: company.name,
      slug: company.slug,
      tier: company.tier,
      status: company.status,
      suspendedReason: company.suspendedReason,
      suspendedAt: iso(company.suspendedAt),
      limitOverrides: company.limitOverrides ?? null,
      memberCount,
      activeApiKeyCount,
      lastHour: traffic?.get(company.id) ?? null,
      createdAt: company.createdAt.toISOString(),
      updatedAt: company.updatedAt.toISOString(),
    }),
  );
}
