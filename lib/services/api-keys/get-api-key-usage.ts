import { and, between, eq, like } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { usageCounters } from "@/lib/db/schema/usage-counters";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import { KEY_LIMIT_LAYERS, KEY_USAGE_WINDOW_DAYS } from "@/lib/gateway/rate-limit/key-usage";
import { getRedis, redisKey } from "@/lib/redis/client";
import { apiKeyUsageSchema, type ApiKeyUsage, type ApiKeyUsageDay } from "./schemas";

const DAY_MS = 86_400_000;
const toDayNumber = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const toDayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export interface GetApiKeyUsageInput {
  companyId: string;
  id: string;
  /** UTC days (`YYYY-MM-DD`), both included; default the last 30 days. The schema checked their order and span. */
  from?: string;
  to?: string;
  now?: Date;
}

function dayFrom(raw: Record<string, unknown> | null, day: number): ApiKeyUsageDay {
  const n = (field: string) => Number(raw?.[field] ?? 0) || 0;
  const limited = Object.fromEntries(KEY_LIMIT_LAYERS.map((l) => [l, n(`limited:${l}`)])) as ApiKeyUsageDay["limited"];
  const ok = n("ok");
  const refused = n("refused");
  const total = ok + refused + Object.values(limited).reduce((a, b) => a + b, 0);
  return { day: toDayString(day), ok, limited, refused, total };
}

/**
 * One of the company's keys' requests by UTC day and outcome, as the gateway counted them in its
 * decision trip (lib/gateway/rate-limit/key-usage.ts), each count at least what the rollup copied
 * into MySQL (so a Redis restart loses at most the minutes since the last rollup). Another
 * company's key is a 404; a range reaching outside the last 30 days is a 400 (those days are no
 * longer kept). One Redis pipeline and one range read of usage_counters.
 */
export async function getApiKeyUsage(input: GetApiKeyUsageInput): Promise<ApiKeyUsage> {
  const today = Math.floor((input.now ?? new Date()).getTime() / DAY_MS);
  const oldest = today - KEY_USAGE_WINDOW_DAYS + 1;
  const to = input.to ? toDayNumber(input.to) : input.from ? Math.min(today, toDayNumber(input.from) + KEY_USAGE_WINDOW_DAYS - 1) : today;
  const from = input.from ? toDayNumber(input.from) : Math.max(oldest, to - KEY_USAGE_WINDOW_DAYS + 1);
  if (to > today)
    throw new ApiError("validation_failed", "to is in the future.", { details: [{ field: "to", message: "Not after today (UTC)." }] });
  if (from < oldest) {
    throw new ApiError("validation_failed", `Usage is kept for the last ${KEY_USAGE_WINDOW_DAYS} days.`, {
      details: [{ field: "from", message: `Not before ${toDayString(oldest)}.` }],
    });
  }
  if (from > to)
    throw new ApiError("validation_failed", "to must not be before from.", { details: [{ field: "to", message: "Not before from." }] });

  const key = await findOneOr404(
    getDb()
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(forCompany(apiKeys, input.companyId, eq(apiKeys.id, input.id)))
      .limit(1),
    "No such API key.",
  );
  const p = getRedis().pipeline();
  for (let d = from; d <= to; d++) p.hgetall(redisKey("ku", key.id, d));
  const [raws, rolledUp] = await Promise.all([
    p.exec() as Promise<Array<Record<string, unknown> | null>>,
    getDb()
      .select({ day: usageCounters.day, dimension: usageCounters.dimension, value: usageCounters.value })
      .from(usageCounters)
      .where(
        and(
          forCompany(usageCounters, input.companyId, between(usageCounters.day, toDayString(from), toDayString(to))),
          eq(usageCounters.metric, "api_key_outcomes"),
          like(usageCounters.dimension, `${key.id.replaceAll("_", "\\_")}:%`),
        ),
      ),
  ]);
  const merged = raws.map((raw) => ({ ...(raw ?? {}) }) as Record<string, unknown>);
  for (const row of rolledUp) {
    const i = toDayNumber(row.day) - from;
    const field = row.dimension.slice(key.id.length + 1);
    if (merged[i] && row.value > (Number(merged[i][field]) || 0)) merged[i][field] = row.value;
  }
  const days = merged.map((raw, i) => dayFrom(raw, from + i));
  const sum = (pick: (d: ApiKeyUsageDay) => number) => days.reduce((a, d) => a + pick(d), 0);
  const totals = {
    ok: sum((d) => d.ok),
    limited: Object.fromEntries(KEY_LIMIT_LAYERS.map((l) => [l, sum((d) => d.limited[l])])) as ApiKeyUsageDay["limited"],
    refused: sum((d) => d.refused),
    total: sum((d) => d.total),
  };
  return apiKeyUsageSchema.parse({ keyId: key.id, from: toDayString(from), to: toDayString(to), days, totals });
}
