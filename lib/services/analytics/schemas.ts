import type { Permission } from "@/lib/auth/permissions";
import { z } from "zod";
import { kpiSchema, MAX_PERIOD_DAYS, periodSchema } from "@/lib/services/dashboard/schemas";

// ── requests ────────────────────────────────────────────────────────────────

const day = z.iso.date();

const rangeShape = {
  from: day.optional().describe("First local day (YYYY-MM-DD, company time zone); with `to`. Default: the last 30 days including today."),
  to: day.optional().describe("Last local day, included (at most 366 days after `from`)."),
};

/** from and to go together, from ≤ to, at most MAX_PERIOD_DAYS days. */
function checkRange(q: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (Boolean(q.from) !== Boolean(q.to))
    ctx.addIssue({ code: "custom", path: [q.from ? "to" : "from"], message: "from and to go together." });
  if (q.from && q.to) {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
    if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from." });
    if (days > MAX_PERIOD_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `At most ${MAX_PERIOD_DAYS} days.` });
  }
}

/** GET /api/v1/analytics/kpis */
export const kpisQuerySchema = z.object(rangeShape).strict().superRefine(checkRange);
export type KpisQuery = z.infer<typeof kpisQuerySchema>;

export const TREND_METRICS = [
  "calls",
  "answered",
  "answerRate",
  "avgDurationSec",
  "bookings",
  "conversion",
  "noShowRate",
  "positiveShare",
  "negativeShare",
  "revenue",
] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];
export const TREND_INTERVALS = ["day", "week", "month"] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

/** GET /api/v1/analytics/trends */
export const trendsQuerySchema = z
  .object({
    metric: z.enum(TREND_METRICS).describe("The KPI to chart; revenue in integer minor units of `currency`."),
    interval: z
      .enum(TREND_INTERVALS)
      .default("day")
      .describe("Bucket size, in the company's time zone; weeks start on the company's week start (Monday unless set)."),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, "a 3-letter ISO 4217 code")
      .transform((c) => c.toUpperCase())
      .optional()
      .describe("Revenue only: the currency to sum (default: the one with the most revenue in the range)."),
    ...rangeShape,
  })
  .strict()
  .superRefine(checkRange);
export type TrendsQuery = z.infer<typeof trendsQuerySchema>;

export const REPORT_KINDS = ["daily_summary", "disconnection_reasons", "customer_bookings"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * What a report needs beyond analytics:read, to create it and to read its file: bookings by customer
 * lists customers' names, phones and emails, which an analytics-only key must not bulk-export.
 */
export const REPORT_EXTRA_PERMISSION: Partial<Record<ReportKind, Permission>> = { customer_bookings: "customers:read" };

/** POST /api/v1/analytics/reports — and the `filters` of the export it creates. */
export const reportBodySchema = z
  .object({
    kind: z
      .enum(REPORT_KINDS)
      .describe(
        "daily_summary: one row a day; disconnection_reasons: calls by why they ended; customer_bookings: bookings and no-shows by customer.",
      ),
    from: day.describe("First local day, company time zone."),
    to: day.describe("Last local day, included (at most 366 days)."),
  })
  .strict()
  .superRefine(checkRange);
export type ReportRequest = z.infer<typeof reportBodySchema>;

// ── responses ───────────────────────────────────────────────────────────────

const moneyKpiSchema = kpiSchema.extend({ currency: z.string().length(3), current: z.number().int(), previous: z.number().int() });

export const analyticsKpisSchema = z.object({
  period: periodSchema,
  kpis: z.object({
    calls: kpiSchema,
    answered: kpiSchema,
    /** answered / calls (0–1). */
    answerRate: kpiSchema,
    /** Mean answered-call duration, seconds. */
    avgDurationSec: kpiSchema,
    /** Calls during which an appointment was booked. */
    bookings: kpiSchema,
    /** bookings / answered (0–1). */
    conversion: kpiSchema,
    /** no-shows / (completed + no-shows) of the appointments starting in the period (0–1). */
    noShowRate: kpiSchema,
  }),
  /** Share of the analysed calls (with a sentiment) per sentiment, 0–1. */
  sentiment: z.object({ positive: kpiSchema, neutral: kpiSchema, negative: kpiSchema, unknown: kpiSchema }),
  /** Completed appointments' prices per currency, integer minor units. */
  revenue: z.array(moneyKpiSchema),
  /** Calls by why they ended (the provider's disconnection reason; "" when none), in either period, most calls first. */
  disconnectionReasons: z.array(kpiSchema.extend({ reason: z.string(), current: z.number().int(), previous: z.number().int() })),
  /** This period's calls by local weekday (rows: Monday … Sunday) and local hour of their start (24 columns). */
  callsByWeekdayHour: z.array(z.array(z.number().int()).length(24)).length(7),
});
export type AnalyticsKpis = z.infer<typeof analyticsKpisSchema>;

export const trendPointSchema = z.object({
  /** The bucket's first local day. */
  start: z.iso.date(),
  /** Its last local day (clipped to the range). */
  end: z.iso.date(),
  value: z.number().nullable(),
});

export const analyticsTrendSchema = z.object({
  metric: z.enum(TREND_METRICS),
  interval: z.enum(TREND_INTERVALS),
  timezone: z.string(),
  firstDay: z.iso.date(),
  lastDay: z.iso.date(),
  /** Revenue only. */
  currency: z.string().length(3).nullable(),
  series: z.array(trendPointSchema),
});
export type AnalyticsTrend = z.infer<typeof analyticsTrendSchema>;
