import { getTableName } from "drizzle-orm";
import type { Pool } from "mysql2/promise";
import { appointmentDayCounts, appointments, calls, customers, emailEvents, invoices, payments, usageCounters } from "../schema";

/** The tables the generators fill; fixed demo rows (accounts, keys, settings) are upserted instead. */
export const GENERATED_TABLES = [
  calls,
  appointments,
  appointmentDayCounts,
  emailEvents,
  customers,
  payments,
  invoices,
  usageCounters,
] as const;

/**
 * Deletes the demo companies' generated rows before regenerating them. A table holding nothing but
 * demo rows (a local or benchmark database) is truncated, which is instant where deleting a million
 * calls takes minutes; otherwise rows are deleted in chunks so no transaction grows huge.
 */
export async function wipeGenerated(pool: Pool, companyIds: string[]): Promise<void> {
  for (const table of GENERATED_TABLES) {
    const name = getTableName(table);
    const [others] = (await pool.query("SELECT 1 FROM ?? WHERE company_id NOT IN (?) LIMIT 1", [name, companyIds])) as [unknown[], unknown];
    if (others.length === 0) {
      await pool.query("TRUNCATE TABLE ??", [name]);
      continue;
    }
    for (;;) {
      const [result] = await pool.query("DELETE FROM ?? WHERE company_id IN (?) LIMIT 20000", [name, companyIds]);
      if ((result as { affectedRows: number }).affectedRows === 0) break;
    }
  }
}
