import { and, desc, eq } from "drizzle-orm";
import { cached } from "@/lib/cache/cached";
import type { CachedResult } from "@/lib/cache/types";
import { getDb } from "@/lib/db/client";
import { appointments } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import { callListColumns } from "./call-columns";
import type { CallDetail } from "./schemas";
import { toCallDetail } from "./to-call-detail";

/** One call with everything its page shows, through the cache (resource "calls", 30 s). */
export function getCall(companyId: string, id: string, opts: { fresh?: boolean } = {}): Promise<CachedResult<CallDetail>> {
  return cached({ resource: "calls", companyId, key: `detail:${id}`, bypass: opts.fresh }, () => loadCall(companyId, id));
}

/**
 * One call of the company with its transcript, recording, analysis, customer and the appointment
 * booked during it; 404 when the id is unknown or another company's (the same answer, so ids
 * cannot be probed). Two primary-key/index lookups: the call with its customer, then
 * appointments by (company_id, source_call_id).
 */
async function loadCall(companyId: string, id: string): Promise<CallDetail> {
  const db = getDb();
  const row = await findOneOr404(
    db
      .select({
        ...callListColumns,
        agentId: calls.agentId,
        transcript: calls.transcript,
        recordingUrl: calls.recordingUrl,
        analysis: calls.analysis,
        createdAt: calls.createdAt,
        updatedAt: calls.updatedAt,
        customerEmail: customers.email,
      })
      .from(calls)
      .leftJoin(customers, and(eq(customers.companyId, calls.companyId), eq(customers.id, calls.customerId)))
      .where(forCompany(calls, companyId, eq(calls.id, id)))
      .limit(1),
    "Call not found.",
  );
  const [appointment] = await db
    .select()
    .from(appointments)
    .where(forCompany(appointments, companyId, eq(appointments.sourceCallId, row.id)))
    .orderBy(desc(appointments.createdAt))
    .limit(1);
  return toCallDetail(row, appointment ?? null);
}
