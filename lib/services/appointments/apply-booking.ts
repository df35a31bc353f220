import { eq, sql } from "drizzle-orm";
import { appointments, type Appointment, type AppointmentStatus } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { forCompany, type Tx } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";
import { countCallBooking } from "@/lib/services/calls/count-call-booking";
import { customerOfCompany } from "@/lib/services/customers/customer-of-company";
import { findOrCreateCustomer } from "@/lib/services/customers/find-or-create-customer";
import { adjustAppointmentDayCounts } from "./adjust-appointment-day-counts";
import type { BookingFacts } from "./booking-facts";

export interface AppliedBooking {
  appointment: Appointment;
  created: boolean;
  changed: boolean;
  customerCreated: boolean;
}

/** What a row inherits when it replaces another (a reschedule): the same customer, call and notes. */
export interface BookingCarry {
  customerId?: string | null;
  sourceCallId?: string | null;
  notes?: string | null;
}

/** scheduled → confirmed → completed | no_show; `cancelled` is terminal and handled apart. */
const RANK: Record<Exclude<AppointmentStatus, "cancelled">, number> = { scheduled: 0, confirmed: 1, completed: 2, no_show: 2 };

/**
 * Upserts the appointments row of a Cal.com booking (by cal_booking_uid) — for webhooks and for our
 * own book/reschedule/cancel calls alike, so whichever arrives first, the row ends the same:
 * - a cancelled booking stays cancelled: a late BOOKING_CREATED never resurrects it;
 * - otherwise the status only moves forward; times, title and location follow Cal.com;
 * - customer and source call are filled once (metadata ids checked against the company, else the
 *   attendee by phone/email, created when unknown) and never replaced.
 * The row is created if missing, then locked and merged. Null when the uid is another company's.
 */
export async function applyBooking(
  tx: Tx,
  companyId: string,
  facts: BookingFacts,
  carry: BookingCarry = {},
): Promise<AppliedBooking | null> {
  const id = createId("appointment");
  const cancelled = facts.status === "cancelled";
  await tx
    .insert(appointments)
    .values({
      id,
      companyId,
      calBookingUid: facts.uid,
      title: facts.title,
      status: facts.status,
      startAt: facts.startAt,
      endAt: facts.endAt,
      timezone: facts.timezone.slice(0, 64),
      location: facts.location,
      notes: carry.notes ?? null,
      cancelReason: cancelled ? facts.cancelReason : null,
      cancelledAt: cancelled ? facts.at : null,
      priceCents: facts.price?.cents ?? null,
      currency: facts.price?.currency ?? null,
    })
    .onDuplicateKeyUpdate({ set: { id: sql`${appointments.id}`, updatedAt: sql`${appointments.updatedAt}` } });
  const [row] = await tx.select().from(appointments).where(eq(appointments.calBookingUid, facts.uid)).limit(1).for("update");
  if (!row || row.companyId !== companyId) return null;

  const changes: Partial<Appointment> = {};
  if (row.status !== "cancelled") {
    if (facts.status === "cancelled")
      Object.assign(changes, { status: "cancelled", cancelReason: facts.cancelReason, cancelledAt: facts.at });
    else if (RANK[facts.status] > RANK[row.status]) changes.status = facts.status;
  }
  // A uid's times never change in Cal.com (a reschedule is a new uid), so any event's times are
  // right — and correct a row first written from a guess (an old booking cancelled by a reschedule
  // that arrived before its creation). Only the status is bound by the order rules.
  if (!facts.timesGuessed) {
    if (row.startAt.getTime() !== facts.startAt.getTime()) changes.startAt = facts.startAt;
    if (row.endAt.getTime() !== facts.endAt.getTime()) changes.endAt = facts.endAt;
    if (row.title !== facts.title) changes.title = facts.title;
    if (facts.location !== null && row.location !== facts.location) changes.location = facts.location;
  }
  if (!row.notes && carry.notes) changes.notes = carry.notes;
  // A price is only ever learnt (from a webhook; API answers name none), never forgotten.
  if (facts.price && (row.priceCents !== facts.price.cents || row.currency !== facts.price.currency))
    Object.assign(changes, { priceCents: facts.price.cents, currency: facts.price.currency });

  let customerCreated = false;
  if (!row.customerId) {
    const known =
      (await customerOfCompany(tx, companyId, facts.metadata.sb_customer_id)) ?? (await customerOfCompany(tx, companyId, carry.customerId));
    const customer = known ? { id: known, created: false } : await findOrCreateCustomer(tx, companyId, facts.attendee);
    if (customer) {
      changes.customerId = customer.id;
      customerCreated = customer.created;
    }
  }
  if (!row.sourceCallId) {
    const sourceCallId =
      (await callOfCompany(tx, companyId, facts.metadata)) ?? (await callOfCompany(tx, companyId, { sb_call_id: carry.sourceCallId }));
    if (sourceCallId) changes.sourceCallId = sourceCallId;
  }

  const changed = Object.keys(changes).length > 0;
  if (changed) await tx.update(appointments).set(changes).where(eq(appointments.id, row.id));
  const created = row.id === id;
  const appointment = { ...row, ...changes };
  // The day counts follow the row: a new row counts once; a redelivery that changes nothing, nothing.
  if (created || changes.status || changes.startAt || changes.priceCents !== undefined)
    await adjustAppointmentDayCounts(tx, companyId, created ? null : row, appointment);
  if (changes.sourceCallId) await countCallBooking(tx, companyId, changes.sourceCallId, row.id);
  return { appointment, created, changed, customerCreated };
}

/** The call a booking was made during: our id (sb_call_id) or Retell's (retell_call_id), if it is this company's. */
async function callOfCompany(tx: Tx, companyId: string, metadata: Record<string, unknown>): Promise<string | null> {
  const ours = typeof metadata.sb_call_id === "string" ? metadata.sb_call_id : null;
  const retell = typeof metadata.retell_call_id === "string" ? metadata.retell_call_id : null;
  if (!ours && !retell) return null;
  const cond = ours ? eq(calls.id, ours.slice(0, 40)) : eq(calls.retellCallId, retell!.slice(0, 64));
  const [row] = await tx
    .select({ id: calls.id })
    .from(calls)
    .where(forCompany(calls, companyId, cond))
    .limit(1);
  return row?.id ?? null;
}
