import { and, eq, like, lt, or } from "drizzle-orm";
import { companies, type CompanyStatus, type Tier } from "@/lib/db/schema/companies";
import { isId } from "@/lib/ids/is-id";
import type { AdminCompany } from "./schemas";
import { selectAdminCompanies } from "./select-admin-companies";

export interface ListCompaniesInput {
  q?: string;
  tier?: Tier;
  status?: CompanyStatus;
  limit?: number;
  cursor?: string;
  now?: Date;
}

export interface CompanyPage {
  items: AdminCompany[];
  nextCursor: string | null;
}

/** LIKE pattern for "contains q", with q's own wildcards taken literally. */
const contains = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Every company (platform admins): tier, status, overrides, counts, last hour's traffic; search by name, slug or id, filter by tier and status; keyset pages on the id. */
export async function listCompanies(input: ListCompaniesInput = {}): Promise<CompanyPage> {
  const limit = input.limit ?? 50;
  const search = input.q
    ? // The id column is ascii_bin: only a q shaped like an id is compared with it (MySQL refuses to mix an emoji with ascii).
      or(
        like(companies.name, contains(input.q)),
        like(companies.slug, contains(input.q)),
        isId(input.q) ? eq(companies.id, input.q) : undefined,
      )
    : undefined;
  const rows = await selectAdminCompanies({
    where: and(
      search,
      input.tier ? eq(companies.tier, input.tier) : undefined,
      input.status ? eq(companies.status, input.status) : undefined,
      input.cursor ? lt(companies.id, input.cursor) : undefined,
    ),
    limit: limit + 1,
    now: input.now ?? new Date(),
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
