import { z } from "zod";
import { sparseFieldsParam } from "@/lib/api/sparse-fields-param";
import { APPOINTMENT_STATUSES } from "@/lib/db/schema/appointments";
import { CALL_DIRECTIONS, CALL_STATUSES, SENTIMENTS } from "@/lib/db/schema/calls";
import { EMAIL_EVENT_TYPES } from "@/lib/db/schema/email-events";

const isoInstant = z.iso.datetime({ offset: true });

export const DASHBOARD_RANGES = ["today", "7d", "30d", "90d"] as const;
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];

/** The longest custom period (from/to): a year, leap day included. */
export const MAX_PERIOD_DAYS = 366;

// ── requests ────────────────────────────────────────────────────────────────

const periodShape = {
  /** Whole local days ending today, in the company's timezone. */
  range: z
    .enum(DASHBOARD_RANGES)
    .optional()
    .describe("Whole days ending today in the company's timezone: today, or the last 7/30/90 days including today."),
  /** A custom period instead of `range`: first and last local day, both included. */
  from: z.iso.date().optional().describe("First day of a custom period (YYYY-MM-DD, company timezone); needs `to`, excludes `range`."),
  to: z.iso.date().optional().describe("Last day of a custom period, included."),
  ...sparseFieldsParam,
};

type PeriodInput = { range?: DashboardRange; from?: string; to?: string };

/** Either `range`, or both `from` and `to` (from ≤ to, at most 366 days); never both forms. */
function checkPeriod(q: PeriodInput, ctx: z.RefinementCtx): void {
  if (q.range && (q.from || q.to)) ctx.addIssue({ code: "custom", path: ["range"], message: "Send either range or from/to, not both." });
  if (Boolean(q.from) !== Boolean(q.to))
    ctx.addIssue({ code: "custom", path: [q.from ? "to" : "from"], message: "from and to go together." });
  if (q.from && q.to) {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
    if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from." });
    if (days > MAX_PERIOD_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `At most ${MAX_PERIOD_DAYS} days.` });
  }
}

/** GET /api/v1/dashboard/overview (default range: today) */
export const overviewQuerySchema = z.object(periodShape).strict().superRefine(checkPeriod);
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;

/** GET /api/v1/dashboard/metrics (default range: 30d) */
export const metricsQuerySchema = z
  .object({ ...periodShape, interval: z.enum(["day"]).default("day").describe("Bucket size; days in the company's timezone.") })
  .strict()
  .superRefine(checkPeriod);
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

/** GET /api/v1/dashboard/activity */
export const activityQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20), ...sparseFieldsParam }).strict();
export type ActivityQuery = z.infer<typeof activityQuerySchema>;

// ── responses ───────────────────────────────────────────────────────────────

const periodBoundsSchema = z.object({
  /** First local day, included. */
  firstDay: z.iso.date(),
  /** Last local day, included. */
  lastDay: z.iso.date(),
  /** Start of firstDay (UTC instant). */
  from: isoInstant,
  /** Start of the day after lastDay (exclusive). */
  to: isoInstant,
});

/** The period a response covers, and the one before it that the deltas compare with. */
export const periodSchema = periodBoundsSchema.extend({
  range: z.enum([...DASHBOARD_RANGES, "custom"]),
  timezone: z.string(),
  days: z.number().int(),
  /** The same number of days immediately before. */
  previous: periodBoundsSchema,
});
export type Period = z.infer<typeof periodSchema>;

/** One KPI: this period, the previous one, and the relative change ((current − previous) / previous). */
export const kpiSchema = z.object({
  current: z.number().nullable(),
  previous: z.number().nullable(),
  /** 0.25 = +25 %; null when there is nothing to compare with (previous 0 or null). */
  change: z.number().nullable(),
});
export type Kpi = z.infer<typeof kpiSchema>;

export const dashboardOverviewSchema = z.object({
  period: periodSchema,
  kpis: z.object({
    /** Calls started in the period (inbound and outbound, any status). */
    calls: kpiSchema,
    /** Calls that ended with a real conversation (lib/services/calls/answered-call.ts). */
    answered: kpiSchema,
    /** answered / calls (0–1); null without calls. */
    answerRate: kpiSchema,
    /** Mean duration of answered calls, seconds (one decimal); null without answered calls. */
    avgDurationSec: kpiSchema,
    /** Appointments the agent booked during calls started in the period. */
    bookings: kpiSchema,
    /** bookings / answered (0–1); null without answered calls. */
    conversion: kpiSchema,
  }),
  /**
   * Revenue: the prices of the appointments completed on the period's days (by their start), in
   * integer minor units per currency (one entry a currency seen in either period; empty without any).
   */
  revenue: z.array(kpiSchema.extend({ currency: z.string().length(3), current: z.number().int(), previous: z.number().int() })),
});
export type DashboardOverview = z.infer<typeof dashboardOverviewSchema>;

export const metricsPointSchema = z.object({
  /** The local day (company timezone). */
  date: z.iso.date(),
  /** Its start, UTC. */
  from: isoInstant,
  calls: z.number().int(),
  answered: z.number().int(),
  bookings: z.number().int(),
  avgDurationSec: z.number().nullable(),
});

export const dashboardMetricsSchema = z.object({
  period: periodSchema,
  interval: z.literal("day"),
  /** One point per day of the period, oldest first, days without calls included as zeros. */
  series: z.array(metricsPointSchema),
});
export type DashboardMetrics = z.infer<typeof dashboardMetricsSchema>;

const activityCustomerSchema = z.object({ id: z.string(), name: z.string() }).nullable();

/** Recent events, newest first; `kind` says which fields follow. `id` is the call, appointment or email event id. */
export const activityItemSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("call"),
    id: z.string(),
    /** When the call started. */
    at: isoInstant,
    direction: z.enum(CALL_DIRECTIONS),
    status: z.enum(CALL_STATUSES),
    answered: z.boolean(),
    durationSec: z.number().int().nullable(),
    sentiment: z.enum(SENTIMENTS).nullable(),
    summary: z.string().nullable(),
    /** The other party's number (caller for inbound, callee for outbound). */
    phone: z.string().nullable(),
    customer: activityCustomerSchema,
  }),
  z.object({
    kind: z.literal("appointment"),
    id: z.string(),
    /** When it was booked. */
    at: isoInstant,
    title: z.string(),
    status: z.enum(APPOINTMENT_STATUSES),
    startAt: isoInstant,
    /** The call it was booked during; null when booked elsewhere. */
    sourceCallId: z.string().nullable(),
    customer: activityCustomerSchema,
  }),
  z.object({
    kind: z.literal("email"),
    id: z.string(),
    /** When SendGrid reported the event. */
    at: isoInstant,
    event: z.enum(EMAIL_EVENT_TYPES),
    email: z.string(),
    customer: activityCustomerSchema,
  }),
]);
export type ActivityItem = z.infer<typeof activityItemSchema>;

export const activityListSchema = z.array(activityItemSchema);
