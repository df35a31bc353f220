import { and, desc, eq, sql } from "drizzle-orm";
import type { MySqlColumn } from "drizzle-orm/mysql-core";
import { getDb } from "@/lib/db/client";
import { appointments } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";
import { emailEvents } from "@/lib/db/schema/email-events";
import { forCompany } from "@/lib/db/tenant";
import { isAnsweredCall } from "@/lib/services/calls/answered-call";
import { activityListSchema, type ActivityItem } from "./schemas";

const customerOf = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

/**
 * The dashboard's feed: the newest calls, bookings and emails of the company, merged newest first.
 * Each source is read newest-first with the same limit (the merged top `limit` can only come from
 * those), with the customer's name from a LEFT JOIN on (company_id, id). Not cached: it is small,
 * and bookings and emails would otherwise wait for a TTL (the dashboard's cache is not invalidated
 * by appointment or email events).
 */
export async function listActivity(companyId: string, limit: number): Promise<ActivityItem[]> {
  const db = getDb();
  const customerJoin = (t: { companyId: MySqlColumn; customerId: MySqlColumn }) =>
    and(eq(customers.companyId, t.companyId), eq(customers.id, t.customerId));

  const [callRows, appointmentRows, emailRows] = await Promise.all([
    db
      .select({
        c: {
          id: calls.id,
          direction: calls.direction,
          status: calls.status,
          startedAt: calls.startedAt,
          durationMs: calls.durationMs,
          disconnectionReason: calls.disconnectionReason,
          sentiment: calls.sentiment,
          fromNumber: calls.fromNumber,
          toNumber: calls.toNumber,
          customerId: calls.customerId,
        },
        summary: sql<string | null>`json_unquote(json_extract(${calls.analysis}, '$.call_summary'))`,
        name: customers.name,
      })
      .from(calls)
      .leftJoin(customers, customerJoin(calls))
      .where(forCompany(calls, companyId))
      .orderBy(desc(calls.startedAt), desc(calls.id))
      .limit(limit),
    db
      .select({
        a: {
          id: appointments.id,
          createdAt: appointments.createdAt,
          title: appointments.title,
          status: appointments.status,
          startAt: appointments.startAt,
          sourceCallId: appointments.sourceCallId,
          customerId: appointments.customerId,
        },
        name: customers.name,
      })
      .from(appointments)
      .leftJoin(customers, customerJoin(appointments))
      .where(forCompany(appointments, companyId))
      .orderBy(desc(appointments.createdAt), desc(appointments.id))
      .limit(limit),
    db
      .select({
        e: {
          id: emailEvents.id,
          occurredAt: emailEvents.occurredAt,
          eventType: emailEvents.eventType,
          email: emailEvents.email,
          customerId: emailEvents.customerId,
        },
        name: customers.name,
      })
      .from(emailEvents)
      .leftJoin(customers, customerJoin(emailEvents))
      .where(forCompany(emailEvents, companyId))
      .orderBy(desc(emailEvents.occurredAt), desc(emailEvents.id))
      .limit(limit),
  ]);

  const items: ActivityItem[] = [
    ...callRows.map(({ c, summary, name }): ActivityItem => ({
      kind: "call",
      id: c.id,
      at: c.startedAt.toISOString(),
      direction: c.direction,
      status: c.status,
      answered: isAnsweredCall(c),
      durationSec: c.durationMs === null ? null : Math.round(c.durationMs / 1000),
      sentiment: c.sentiment,
      summary,
      phone: c.direction === "inbound" ? c.fromNumber : c.toNumber,
      customer: customerOf(c.customerId, name),
    })),
    ...appointmentRows.map(({ a, name }): ActivityItem => ({
      kind: "appointment",
      id: a.id,
      at: a.createdAt.toISOString(),
      title: a.title,
      status: a.status,
      startAt: a.startAt.toISOString(),
      sourceCallId: a.sourceCallId,
      customer: customerOf(a.customerId, name),
    })),
    ...emailRows.map(({ e, name }): ActivityItem => ({
      kind: "email",
      id: e.id,
      at: e.occurredAt.toISOString(),
      event: e.eventType,
      email: e.email,
      customer: customerOf(e.customerId, name),
    })),
  ];
  // ISO strings of one format sort like the instants they name; ties fall back to the id.
  items.sort((x, y) => (x.at === y.at ? (x.id < y.id ? 1 : -1) : x.at < y.at ? 1 : -1));
  return activityListSchema.parse(items.slice(0, limit));
}
