import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { appointments } from "@/lib/db/schema/appointments";
import { customers } from "@/lib/db/schema/customers";
import { forCompany } from "@/lib/db/tenant";
import { readCallDays } from "@/lib/services/calls/read-call-days";
import type { CsvValue } from "@/lib/services/exports/csv-cell";
import { addDays } from "@/lib/time/add-days";
import { zonedDayStart } from "@/lib/time/zoned-day-start";
import { deriveAnalytics } from "./derive-analytics";
import { readAnalyticsBuckets } from "./read-analytics-buckets";
import type { ReportRequest } from "./schemas";
import { trendBucketStarts } from "./trend-bucket-starts";

/** A report as CSV: its header and its records, in order. */
export interface ReportTable {
  header: string[];
  rows: CsvValue[][];
}

/** One row a local day: the KPIs' inputs and rates, appointments by outcome, revenue per currency seen. */
async function dailySummary(companyId: string, timezone: string, r: ReportRequest): Promise<ReportTable> {
  const starts = trendBucketStarts(r.from, r.to, "day");
  const buckets = await readAnalyticsBuckets(companyId, timezone, starts);
  const currencies = [...new Set(buckets.flatMap((b) => [...b.revenue.keys()]))].sort();
  return {
    header: [
      "day",
      "calls",
      "answered",
      "answer_rate",
      "avg_duration_seconds",
      "bookings",
      "conversion",
      "completed",
      "no_shows",
      "no_show_rate",
      ...currencies.map((c) => `revenue_${c.toLowerCase()}_cents`),
    ],
    rows: buckets.map((b, i) => {
      const d = deriveAnalytics(b);
      return [
        starts[i]!,
        d.calls,
        d.answered,
        d.answerRate,
        d.avgDurationSec,
        d.bookings,
        d.conversion,
        b.completed,
        b.noShows,
        d.noShowRate,
        ...currencies.map((c) => b.revenue.get(c) ?? 0),
      ];
    }),
  };
}

/** Calls by why they ended over the range, most first ("" is a call that has not ended or whose reason is unknown). */
async function disconnectionReasons(companyId: string, timezone: string, r: ReportRequest): Promise<ReportTable> {
  const by = new Map<string, { calls: number; ms: number }>();
  for (const row of await readCallDays(companyId, timezone, r.from, r.to, ["reason"])) {
    const c = by.get(row.value) ?? { calls: 0, ms: 0 };
    c.calls += row.n;
    c.ms += row.ms;
    by.set(row.value, c);
  }
  const total = [...by.values()].reduce((a, c) => a + c.calls, 0);
  return {
    header: ["disconnection_reason", "calls", "share", "avg_duration_seconds"],
    rows: [...by.entries()]
      .sort(([a, x], [b, y]) => y.calls - x.calls || a.localeCompare(b))
      .map(([reason, c]) => [
        reason || "(none)",
        c.calls,
        total > 0 ? Math.round((c.calls / total) * 10_000) / 10_000 : null,
        c.calls > 0 ? Math.round(c.ms / c.calls / 100) / 10 : null,
      ]),
  };
}

/**
 * Bookings and no-shows by customer, for appointments starting in the range: one grouped scan of the
 * range's slice of the (company_id, start_at) index (a report job, not an interactive read).
 */
async function customerBookings(companyId: string, timezone: string, r: ReportRequest): Promise<ReportTable> {
  const n = (status: string) => sql<number>`sum(case when ${appointments.status} = ${status} then 1 else 0 end)`.mapWith(Number);
  const rows = await getDb()
    .select({
      customerId: appointments.customerId,
      name: customers.name,
      phone: customers.phone,
      email: customers.email,
      bookings: count(),
      completed: n("completed"),
      noShows: n("no_show"),
      cancelled: n("cancelled"),
    })
    .from(appointments)
    .leftJoin(customers, and(eq(customers.companyId, appointments.companyId), eq(customers.id, appointments.customerId)))
    .where(
      forCompany(
        appointments,
        companyId,
        gte(appointments.startAt, zonedDayStart(r.from, timezone)),
        lt(appointments.startAt, zonedDayStart(addDays(r.to, 1), timezone)),
      ),
    )
    .groupBy(appointments.customerId, customers.name, customers.phone, customers.email)
    .orderBy(sql`count(*) desc`, appointments.customerId);
  return {
    header: [
      "customer_id",
      "customer_name",
      "customer_phone",
      "customer_email",
      "bookings",
      "completed",
      "no_shows",
      "cancelled",
      "no_show_rate",
    ],
    rows: rows.map((c) => [
      c.customerId,
      c.name,
      c.phone,
      c.email,
      c.bookings,
      c.completed,
      c.noShows,
      c.cancelled,
      c.completed + c.noShows > 0 ? Math.round((c.noShows / (c.completed + c.noShows)) * 10_000) / 10_000 : null,
    ]),
  };
}

const REPORTS = { daily_summary: dailySummary, disconnection_reasons: disconnectionReasons, customer_bookings: customerBookings } as const;

/** The table of one analytics report over its local days, in the company's time zone. */
export function reportRows(companyId: string, timezone: string, report: ReportRequest): Promise<ReportTable> {
  return REPORTS[report.kind](companyId, timezone, report);
}
