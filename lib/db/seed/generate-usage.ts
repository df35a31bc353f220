import type { NewUsageCounter, UsageMetric } from "../schema/usage-counters";
import { DAY, utcDay } from "./anchor";
import type { CompanyContext } from "./context";
import { Rng } from "./prng";

/** Share of API traffic per endpoint group (matches the rate-limit table's groups). */
const ENDPOINT_SHARE = {
  dashboard: 0.3,
  calls: 0.28,
  appointments: 0.16,
  customers: 0.12,
  analytics: 0.07,
  settings: 0.04,
  billing: 0.03,
} as const;

/** Per UTC day, what the call generator counted; the rest of the usage is generated here. */
export type DailyCallTotals = Map<string, { inbound: number; outbound: number; minutes: number; emails: number }>;

/**
 * Daily usage counters for the 90 days before the anchor: API requests (total, by key, by endpoint
 * group), and the call minutes, calls and emails that the generated calls add up to.
 */
export function generateUsage(ctx: CompanyContext, totals: DailyCallTotals): NewUsageCounter[] {
  const rng = Rng.derive(ctx.seed, `usage:${ctx.key}`);
  const base = ctx.company.tier === "FREE" ? 180 : 1_400;
  const rows: NewUsageCounter[] = [];
  const add = (day: string, metric: UsageMetric, dimension: string, value: number) => {
    // Written by the rollup as the day closes.
    const closedAt = new Date(Date.parse(`${day}T00:00:00Z`) + DAY);
    if (value > 0) rows.push({ companyId: ctx.companyId, day, metric, dimension, value, createdAt: closedAt, updatedAt: closedAt });
  };
  for (let d = 90; d >= 1; d--) {
    const at = ctx.anchor.getTime() - d * DAY;
    const day = utcDay(at);
    const weekend = [0, 6].includes(new Date(at).getUTCDay());
    const requests = Math.round(base * (weekend ? 0.35 : 1) * (0.75 + rng.next() * 0.5));
    add(day, "api_requests", "", requests);
    let left = requests;
    for (const [group, share] of Object.entries(ENDPOINT_SHARE)) {
      const n = group === "billing" ? left : Math.min(left, Math.round(requests * share * (0.8 + rng.next() * 0.4)));
      left -= n;
      add(day, "api_requests_by_endpoint", group, n);
    }
    const byKey = ctx.apiKeyIds.map((id, i) => [id, Math.round(requests * (i === 0 ? 0.22 : 0.05) * (0.7 + rng.next() * 0.6))] as const);
    const keyed = byKey.reduce((sum, [, n]) => sum + n, 0);
    for (const [id, n] of byKey) add(day, "api_requests_by_key", id, n);
    add(day, "api_requests_by_key", "session", requests - keyed);
    const t = totals.get(day);
    if (t) {
      add(day, "calls", "inbound", t.inbound);
      add(day, "calls", "outbound", t.outbound);
      add(day, "call_minutes", "", t.minutes);
      add(day, "emails_sent", "", t.emails);
    }
  }
  return rows;
}
