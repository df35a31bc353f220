import { and, between, eq, inArray } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { companies } from "@/lib/db/schema/companies";
import { usageCounters } from "@/lib/db/schema/usage-counters";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import { COMPANY_USAGE_KEPT_DAYS, SESSION_DIMENSION } from "@/lib/gateway/rate-limit/company-usage";
import { companyLimits, ENDPOINT_LIMITS, type EndpointGroup } from "@/lib/gateway/rate-limit/policy";
import { getRedis, redisKey } from "@/lib/redis/client";
import { PLANS } from "./plans";
import { BILLING_USAGE_MAX_DAYS, billingUsageSchema, type BillingUsage, type BillingUsageQuery } from "./schemas";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const toDay = (s: string) => Math.floor(Date.parse(`${s}T00:00:00Z`) / DAY_MS);
const dayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

interface DayCounts {
  requests: number;
  byEndpoint: Record<string, number>;
  byKey: Record<string, number>;
  callMinutes: number;
}
const empty = (): DayCounts => ({ requests: 0, byEndpoint: {}, byKey: {}, callMinutes: 0 });
const max = (rec: Record<string, number>, k: string, v: number) => {
  if (v > (rec[k] ?? 0)) rec[k] = v;
};

/**
 * The company's admitted API requests per UTC day (total, by endpoint group, by API key or "session")
 * and call minutes, against the tier's limits; the current clock hour as the company layer counts it;
 * the month so far. Days still in Redis (the gateway's `cu:` hashes of the last few days) are merged
 * with what the rollup copied into usage_counters, each count the larger of the two, so a Redis
 * restart loses at most the minutes since the last rollup. One range read of usage_counters, one Redis
 * pipeline, one read of the keys' names.
 */
export async function getBillingUsage(companyId: string, query: BillingUsageQuery = {}, opts: { now?: Date } = {}): Promise<BillingUsage> {
  const nowMs = (opts.now ?? new Date()).getTime();
  const today = Math.floor(nowMs / DAY_MS);
  const monthStart = toDay(`${dayString(today).slice(0, 7)}-01`);
  const to = query.to ? toDay(query.to) : today;
  const from = query.from ? toDay(query.from) : query.to ? to - 29 : monthStart;
  if (to > today)
    throw new ApiError("validation_failed", "to is in the future.", { details: [{ field: "to", message: "Not after today (UTC)." }] });
  if (to - from + 1 > BILLING_USAGE_MAX_DAYS || from > to)
    throw new ApiError("validation_failed", `A range of 1 to ${BILLING_USAGE_MAX_DAYS} days.`, {
      details: [{ field: "from", message: "Out of range." }],
    });

  const company = await findOneOr404(
    getDb()
      .select({ tier: companies.tier, overrides: companies.limitOverrides })
      .from(companies)
      .where(eq(companies.id, companyId))
      .limit(1),
    "Company not found.",
  );
  const limits = companyLimits(company.tier, company.overrides);
  const lo = Math.min(from, monthStart);
  const hi = Math.max(to, today);
  const redisDays = Array.from({ length: COMPANY_USAGE_KEPT_DAYS }, (_, i) => today - i).filter((d) => d >= lo && d <= hi);
  const hourSlot = Math.floor(nowMs / HOUR_MS);

  const p = getRedis().pipeline();
  for (const d of redisDays) p.hgetall(redisKey("cu", companyId, d));
  p.get(redisKey("rl", "c", companyId, hourSlot));
  const [rows, redisAnswers] = await Promise.all([
    getDb()
      .select({ day: usageCounters.day, metric: usageCounters.metric, dimension: usageCounters.dimension, value: usageCounters.value })
      .from(usageCounters)
      .where(
        and(
          forCompany(usageCounters, companyId, between(usageCounters.day, dayString(lo), dayString(hi))),
          inArray(usageCounters.metric, ["api_requests", "api_requests_by_endpoint", "api_requests_by_key", "call_minutes"]),
        ),
      ),
    p.exec() as Promise<unknown[]>,
  ]);

  const days = new Map<number, DayCounts>();
  const at = (d: number) => days.get(d) ?? days.set(d, empty()).get(d)!;
  for (const r of rows) {
    const c = at(toDay(r.day));
    if (r.metric === "api_requests") c.requests = Math.max(c.requests, r.value);
    else if (r.metric === "api_requests_by_endpoint") max(c.byEndpoint, r.dimension, r.value);
    else if (r.metric === "api_requests_by_key") max(c.byKey, r.dimension, r.value);
    else c.callMinutes += r.value;
  }
  redisDays.forEach((d, i) => {
    const raw = (redisAnswers[i] ?? {}) as Record<string, unknown>;
    const c = at(d);
    for (const [field, v] of Object.entries(raw)) {
      const n = Number(v) || 0;
      if (field === "n") c.requests = Math.max(c.requests, n);
      else if (field.startsWith("g:")) max(c.byEndpoint, field.slice(2), n);
      else if (field.startsWith("k:")) max(c.byKey, field.slice(2), n);
    }
  });
  const usedThisHour = Number(redisAnswers[redisDays.length] ?? 0) || 0;

  const range = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const list = range.map((d) => ({ day: dayString(d), ...(days.get(d) ?? empty()) }));
  const byEndpoint: Record<string, number> = {};
  const byKey: Record<string, number> = {};
  for (const d of list) {
    for (const [g, n] of Object.entries(d.byEndpoint)) byEndpoint[g] = (byEndpoint[g] ?? 0) + n;
    for (const [k, n] of Object.entries(d.byKey)) byKey[k] = (byKey[k] ?? 0) + n;
  }
  const keyIds = Object.keys(byKey).filter((k) => k !== SESSION_DIMENSION);
  const names = keyIds.length
    ? await getDb()
        .select({ id: apiKeys.id, name: apiKeys.name })
        .from(apiKeys)
        .where(forCompany(apiKeys, companyId, inArray(apiKeys.id, keyIds)))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));

  const monthDays = Array.from({ length: today - monthStart + 1 }, (_, i) => days.get(monthStart + i) ?? empty());
  const daysInMonth = new Date(Date.UTC(new Date(nowMs).getUTCFullYear(), new Date(nowMs).getUTCMonth() + 1, 0)).getUTCDate();
  const sum = (pick: (d: DayCounts) => number, of: DayCounts[]) => of.reduce((a, d) => a + pick(d), 0);

  return billingUsageSchema.parse({
    from: dayString(from),
    to: dayString(to),
    tier: company.tier,
    limits,
    days: list,
    totals: {
      requests: sum((d) => d.requests, list),
      byEndpoint,
      byKey: Object.entries(byKey)
        .sort((a, b) => b[1] - a[1])
        .map(([keyId, requests]) => ({ keyId, name: keyId === SESSION_DIMENSION ? null : (nameOf.get(keyId) ?? null), requests })),
      callMinutes: sum((d) => d.callMinutes, list),
    },
    currentHour: { used: usedThisHour, limit: limits.companyPerHour, resetsAt: new Date((hourSlot + 1) * HOUR_MS).toISOString() },
    month: {
      from: dayString(monthStart),
      requests: sum((d) => d.requests, monthDays),
      requestsLimit: limits.companyPerHour * 24 * daysInMonth,
      callMinutes: sum((d) => d.callMinutes, monthDays),
      callMinutesIncluded: PLANS[company.tier].includedCallMinutes,
    },
    endpointGroups: Object.keys(ENDPOINT_LIMITS) as EndpointGroup[],
  });
}
