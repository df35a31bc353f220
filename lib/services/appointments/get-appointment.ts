import { and, eq } from "drizzle-orm";
import { cached } from "@/lib/cache/cached";
import type { CachedResult } from "@/lib/cache/types";
import { getDb } from "@/lib/db/client";
import { appointments } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import { callListColumns } from "@/lib/services/calls/call-columns";
import { calendarColumns } from "./calendar-columns";
import type { AppointmentDetail } from "./schemas";
import { allowedMoves, canReschedule } from "./status-moves";
import { toCalendarItem } from "./to-calendar-item";

/**
 * One booking of the company with its customer, the call it was booked in and the moves it allows;
 * 404 for an unknown id or another company's (the same answer). Through the cache (resource
 * "appointments", L2 300 s). `canReschedule` is computed at read time, never cached.
 */
export async function getAppointment(
  companyId: string,
  id: string,
  opts: { fresh?: boolean } = {},
): Promise<CachedResult<AppointmentDetail>> {
  const result = await cached({ resource: "appointments", companyId, key: `detail:${id}`, bypass: opts.fresh }, () =>
    loadDetail(companyId, id),
  );
  const v = result.value;
  return { ...result, value: { ...v, canReschedule: canReschedule(v.status, v.startAt) } };
}

async function loadDetail(companyId: string, id: string): Promise<AppointmentDetail> {
  const db = getDb();
  const row = await findOneOr404(
    db
      .select(calendarColumns)
      .from(appointments)
      .leftJoin(customers, and(eq(customers.companyId, appointments.companyId), eq(customers.id, appointments.customerId)))
      .where(forCompany(appointments, companyId, eq(appointments.id, id)))
      .limit(1),
    "No such appointment.",
  );
  const item = toCalendarItem(row);
  const [call] = item.sourceCallId
    ? await db
        .select({ id: calls.id, startedAt: calls.startedAt, direction: calls.direction, summary: callListColumns.summary })
        .from(calls)
        .where(forCompany(calls, companyId, eq(calls.id, item.sourceCallId)))
        .limit(1)
    : [];
  return {
    ...item,
    sourceCall: call ? { id: call.id, startedAt: call.startedAt.toISOString(), direction: call.direction, summary: call.summary } : null,
    allowedMoves: allowedMoves(item.status),
    canReschedule: false,
  };
}
