import type { CallBucket } from "./aggregate-call-buckets";
import type { DashboardOverview, Kpi } from "./schemas";
import type { Money } from "./sum-revenue";

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;

/** Rates and averages of one bucket: null where the denominator is zero rather than 0 or NaN. */
export function deriveMetrics(b: CallBucket) {
  return {
    calls: b.calls,
    answered: b.answered,
    answerRate: b.calls > 0 ? round(b.answered / b.calls, 4) : null,
    avgDurationSec: b.answered > 0 ? round(b.answeredMs / b.answered / 1000, 1) : null,
    bookings: b.bookings,
    conversion: b.answered > 0 ? round(b.bookings / b.answered, 4) : null,
  };
}

export function kpi(current: number | null, previous: number | null): Kpi {
  const change = current !== null && previous !== null && previous !== 0 ? round((current - previous) / previous, 4) : null;
  return { current, previous, change };
}

/** Revenue per currency for this period and the previous one (a currency of either period appears), with the change. */
export function compareRevenue(current: Money[], previous: Money[]): DashboardOverview["revenue"] {
  const currencies = [...new Set([...current, ...previous].map((m) => m.currency))].sort();
  const of = (list: Money[], currency: string) => list.find((m) => m.currency === currency)?.cents ?? 0;
  return currencies.map((currency) => ({
    currency,
    ...kpi(of(current, currency), of(previous, currency)),
  })) as DashboardOverview["revenue"];
}

/** The overview's KPIs: each metric for this period and the previous one, with the relative change. */
export function toKpis(current: CallBucket, previous: CallBucket): DashboardOverview["kpis"] {
  const c = deriveMetrics(current);
  const p = deriveMetrics(previous);
  return {
    calls: kpi(c.calls, p.calls),
    answered: kpi(c.answered, p.answered),
    answerRate: kpi(c.answerRate, p.answerRate),
    avgDurationSec: kpi(c.avgDurationSec, p.avgDurationSec),
    bookings: kpi(c.bookings, p.bookings),
    conversion: kpi(c.conversion, p.conversion),
  };
}
