import {
  analyticsKpisSchema,
  analyticsTrendSchema,
  kpisQuerySchema,
  reportBodySchema,
  trendsQuerySchema,
} from "@/lib/services/analytics/schemas";
import { exportSchema } from "@/lib/services/exports/schemas";
import type { EndpointDoc } from "../types";

const RANGE =
  "Ranges are whole local days in the company's time zone (`from`/`to`, both included, at most 366 days; default the last 30 days including today). Whole days are read from daily rollups kept with every write, today from the raw rows.";

export const ANALYTICS_TAG = { name: "Analytics", description: "KPIs, trends and CSV reports over up to a year." } as const;

export const ANALYTICS_ENDPOINTS: EndpointDoc[] = [
  {
    method: "GET",
    path: "/api/v1/analytics/kpis",
    operationId: "getAnalyticsKpis",
    tag: "Analytics",
    summary:
      "Answer rate, average duration, booking conversion, no-show rate, sentiment mix, revenue and disconnection reasons, with the previous period",
    description: `${RANGE} The previous period is the same number of days just before. No-show rate = no-shows / (completed + no-shows) of the appointments starting in the period; sentiment shares are over the analysed calls; revenue is the sum of the completed appointments' prices, integer minor units per currency; disconnectionReasons counts the calls by why they ended (an empty reason when the provider gave none), most calls first; callsByWeekdayHour is this period's calls by local weekday (7 rows, Monday first) and local hour of their start (24 columns).`,
    auth: "required",
    permission: "analytics:read",
    query: kpisQuerySchema,
    response: analyticsKpisSchema,
    cache: "analytics",
  },
  {
    method: "GET",
    path: "/api/v1/analytics/trends",
    operationId: "getAnalyticsTrend",
    tag: "Analytics",
    summary: "One metric as a series by day, week or month",
    description: `${RANGE} Weeks start on the company's week start (Monday unless its settings say otherwise); the first and last buckets are clipped to the range. Rates are null in a bucket whose denominator is zero.`,
    auth: "required",
    permission: "analytics:read",
    query: trendsQuerySchema,
    response: analyticsTrendSchema,
    cache: "analytics",
  },
  {
    method: "POST",
    path: "/api/v1/analytics/reports",
    operationId: "createAnalyticsReport",
    tag: "Analytics",
    summary: "Queue a CSV report: daily summary, calls by disconnection reason, or bookings and no-shows by customer",
    description: [
      "Answers 202 with an export of kind `analytics_csv` and `Location: /api/v1/exports/{id}`; poll it and download the file as for a calls export (reading a report needs `analytics:read`). `Idempotency-Key` works as for `POST /api/v1/calls/export`.",
      "daily_summary: day, calls, answered, answer_rate, avg_duration_seconds, bookings, conversion, completed, no_shows, no_show_rate, revenue_<currency>_cents per currency seen. disconnection_reasons: disconnection_reason, calls, share, avg_duration_seconds. customer_bookings: customer_id, customer_name, customer_phone, customer_email, bookings, completed, no_shows, cancelled, no_show_rate.",
    ].join("\n\n"),
    auth: "required",
    permission: "analytics:read",
    body: reportBodySchema,
    status: 202,
    response: exportSchema,
    errors: ["conflict", "unprocessable_entity", "service_unavailable"],
  },
];
