import { sql } from "drizzle-orm";
import { companies } from "@/lib/db/schema/companies";
import type { Tx } from "@/lib/db/tenant";
import { isTimeZone } from "@/lib/time/zoned-date-of";

/**
 * The company's time zone, read with a lock on its row that holds until the transaction ends: writes
 * that adjust the day counts take it shared (they never wait for each other), the rebuild and the
 * reconcile take it exclusive, so a recount never interleaves with an adjustment and a time-zone change
 * (an UPDATE of the row) waits for the adjustments in flight. An unknown zone counts as UTC, as
 * getCompanyTimezone does. Null when there is no such company. (MariaDB spells the shared lock
 * `LOCK IN SHARE MODE`; drizzle's `.for("share")` writes MySQL 8's `FOR SHARE`, which it refuses.)
 */
export async function lockCompanyTimezone(tx: Tx, companyId: string, mode: "share" | "update"): Promise<string | null> {
  const lock = mode === "share" ? sql`lock in share mode` : sql`for update`;
  const [rows] = (await tx.execute(
    sql`select ${companies.timezone} as timezone from ${companies} where ${companies.id} = ${companyId} limit 1 ${lock}`,
  )) as unknown as [Array<{ timezone: string }>];
  const row = rows[0];
  if (!row) return null;
  return isTimeZone(row.timezone) ? row.timezone : "UTC";
}
