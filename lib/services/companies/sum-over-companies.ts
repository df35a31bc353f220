import { asc, gt } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { isTimeZone, zonedDateOf } from "@/lib/time/zoned-date-of";

const PAGE = 200;

/**
 * Runs `fn` for every company, one after the other, with its local today (`YYYY-MM-DD`), and sums what
 * it returns: the rollup reconcilers' loop. Stops early when `signal` aborts.
 */
export async function sumOverCompanies(
  fn: (companyId: string, today: string) => Promise<number>,
  opts: { now?: Date; signal?: AbortSignal } = {},
): Promise<{ checked: number; fixed: number }> {
  const now = opts.now ?? new Date();
  let checked = 0;
  let fixed = 0;
  let after = "";
  for (;;) {
    const page = await getDb()
      .select({ id: companies.id, timezone: companies.timezone })
      .from(companies)
      .where(gt(companies.id, after))
      .orderBy(asc(companies.id))
      .limit(PAGE);
    for (const company of page) {
      if (opts.signal?.aborted) return { checked, fixed };
      fixed += await fn(company.id, zonedDateOf(now, isTimeZone(company.timezone) ? company.timezone : "UTC"));
      checked++;
    }
    if (page.length < PAGE) return { checked, fixed };
    after = page.at(-1)!.id;
  }
}
