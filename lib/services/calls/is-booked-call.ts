import { and, eq, sql, type SQL } from "drizzle-orm";
import { appointments } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { forCompany, type DbExecutor } from "@/lib/db/tenant";

/** Whether any appointment names the call as its source (the `booked` count), by the (company_id, source_call_id) index. */
export async function isBookedCall(db: DbExecutor, companyId: string, callId: string): Promise<boolean> {
  const [hit] = await db
    .select({ one: sql<number>`1` })
    .from(appointments)
    .where(forCompany(appointments, companyId, eq(appointments.sourceCallId, callId)))
    .limit(1);
  return hit !== undefined;
}

/** The same question in SQL, per row of `calls` (the raw recount). */
export function isBookedCallSql(): SQL {
  return sql`exists (select 1 from ${appointments} where ${and(eq(appointments.companyId, calls.companyId), eq(appointments.sourceCallId, calls.id))})`;
}
