import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { MySqlColumn } from "drizzle-orm/mysql-core";
import { getDb } from "@/lib/db/client";
import { appointments } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { emailEvents } from "@/lib/db/schema/email-events";
import { forCompany } from "@/lib/db/tenant";
import type { CallCursor } from "@/lib/services/calls/call-cursor";
import type { TimelineItem } from "./schemas";

/** Strictly after the cursor in newest-first order of (at, id); ids are ascii_bin, the same order as JS string comparison. */
function before(at: MySqlColumn, id: MySqlColumn, cursor: CallCursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  return or(lt(at, cursor.startedAt), and(eq(at, cursor.startedAt), lt(id, cursor.id)));
}

const iso = (d: Date) => d.toISOString();

/**
 * Up to `take` items of each kind after the cursor, newest first: calls by start, bookings by their
 * start, emails by when the event happened. Each is one range of its (company_id, customer_id, time)
 * index; the caller merges them. The first `take` of the union is the union's first `take`.
 */
export async function selectTimelineItems(
  companyId: string,
  customerId: string,
  cursor: CallCursor | undefined,
  take: number,
): Promise<TimelineItem[]> {
  const db = getDb();
  const [callRows, appointmentRows, emailRows] = await Promise.all([
    db
      .select({
        id: calls.id,
        at: calls.startedAt,
        direction: calls.direction,
        status: calls.status,
        durationMs: calls.durationMs,
        sentiment: calls.sentiment,
        analysis: calls.analysis,
      })
      .from(calls)
      .where(forCompany(calls, companyId, eq(calls.customerId, customerId), before(calls.startedAt, calls.id, cursor)))
      .orderBy(desc(calls.startedAt), desc(calls.id))
      .limit(take),
    db
      .select({
        id: appointments.id,
        at: appointments.startAt,
        endAt: appointments.endAt,
        title: appointments.title,
        status: appointments.status,
        sourceCallId: appointments.sourceCallId,
      })
      .from(appointments)
      .where(
        forCompany(appointments, companyId, eq(appointments.customerId, customerId), before(appointments.startAt, appointments.id, cursor)),
      )
      .orderBy(desc(appointments.startAt), desc(appointments.id))
      .limit(take),
    db
      .select({
        id: emailEvents.id,
        at: emailEvents.occurredAt,
        event: emailEvents.eventType,
        to: emailEvents.email,
        messageId: emailEvents.sgMessageId,
      })
      .from(emailEvents)
      .where(
        forCompany(emailEvents, companyId, eq(emailEvents.customerId, customerId), before(emailEvents.occurredAt, emailEvents.id, cursor)),
      )
      .orderBy(desc(emailEvents.occurredAt), desc(emailEvents.id))
      .limit(take),
  ]);
  return [
    ...callRows.map((r): TimelineItem => ({
      kind: "call",
      id: r.id,
      at: iso(r.at),
      call: {
        direction: r.direction,
        status: r.status,
        durationSec: r.durationMs === null ? null : Math.round(r.durationMs / 1000),
        sentiment: r.sentiment,
        summary: r.analysis?.call_summary ?? null,
      },
    })),
    ...appointmentRows.map((r): TimelineItem => ({
      kind: "appointment",
      id: r.id,
      at: iso(r.at),
      appointment: { title: r.title, status: r.status, startAt: iso(r.at), endAt: iso(r.endAt), sourceCallId: r.sourceCallId },
    })),
    ...emailRows.map((r): TimelineItem => ({
      kind: "email",
      id: r.id,
      at: iso(r.at),
      email: { event: r.event, to: r.to, messageId: r.messageId },
    })),
  ];
}
