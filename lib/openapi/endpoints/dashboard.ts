import {
  activityListSchema,
  activityQuerySchema,
  dashboardMetricsSchema,
  dashboardOverviewSchema,
  metricsQuerySchema,
  overviewQuerySchema,
} from "@/lib/services/dashboard/schemas";
import type { EndpointDoc } from "../types";

const PERIOD =
  "Periods are whole days in the company's timezone: `range=today|7d|30d|90d`, or a custom `from`/`to` (days, both included, at most 366).";

export const DASHBOARD_ENDPOINTS: EndpointDoc[] = [
  {
    method: "GET",
    path: "/api/v1/dashboard/overview",
    operationId: "getDashboardOverview",
    tag: "Dashboard",
    summary: "KPIs for a period and the one before it: calls, answered, answer rate, average duration, bookings, conversion",
    description: `${PERIOD} Default: today. "Answered" = ended with a real conversation (status ended, ≥ 15 s, not voicemail, machine, silence or a failed dial). Bookings = appointments booked during calls started in the period; conversion = bookings / answered.`,
    auth: "required",
    permission: "dashboard:read",
    query: overviewQuerySchema,
    response: dashboardOverviewSchema,
    cache: "dashboard",
  },
  {
    method: "GET",
    path: "/api/v1/dashboard/metrics",
    operationId: "getDashboardMetrics",
    tag: "Dashboard",
    summary: "A daily series: calls, answered, bookings, average duration",
    description: `${PERIOD} Default: the last 30 days. Every day of the period is present, oldest first.`,
    auth: "required",
    permission: "dashboard:read",
    query: metricsQuerySchema,
    response: dashboardMetricsSchema,
    cache: "dashboard",
  },
  {
    method: "GET",
    path: "/api/v1/dashboard/activity",
    operationId: "listDashboardActivity",
    tag: "Dashboard",
    summary: "Recent calls, bookings and emails, merged newest first",
    auth: "required",
    permission: "dashboard:read",
    query: activityQuerySchema,
    response: activityListSchema,
  },
];
