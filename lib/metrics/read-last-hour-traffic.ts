import { getRedis } from "@/lib/redis/client";
import { metricsKeys } from "./keys";

export interface LastHourTraffic {
  /** Requests the edge decided for the company in the last 60 minutes (admitted and limited). */
  requests: number;
  /** Of those, refused with 429 by a rate-limit layer. */
  limited: number;
}

/**
 * Last hour's requests and 429s of each company, summed from the gateway script's per-minute
 * buckets (fields n and x): one pipeline of 60 HMGETs per company.
 */
export async function readLastHourTraffic(companyIds: string[], nowMs = Date.now()): Promise<Map<string, LastHourTraffic>> {
  const out = new Map<string, LastHourTraffic>(companyIds.map((id) => [id, { requests: 0, limited: 0 }]));
  if (companyIds.length === 0) return out;
  const to = Math.floor(nowMs / 60_000);
  const p = getRedis().pipeline();
  for (const id of companyIds) for (let m = to - 59; m <= to; m++) p.hmget(metricsKeys.companyMinute(id, m), "n", "x");
  const rows = (await p.exec()) as Array<Record<string, unknown> | null>;
  companyIds.forEach((id, c) => {
    const sum = out.get(id)!;
    for (let i = 0; i < 60; i++) {
      const row = rows[c * 60 + i];
      sum.requests += Number(row?.n ?? 0) || 0;
      sum.limited += Number(row?.x ?? 0) || 0;
    }
  });
  return out;
}
