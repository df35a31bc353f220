import { getRedis } from "@/lib/redis/client";
import { metricsKeys } from "./keys";

/** One company's edge decisions of one minute, as the gateway script counts them (field → count). */
export interface CompanyMinute {
  minute: number;
  fields: Record<string, number>;
}

/**
 * The per-minute decision hashes of one company for minutes `from`..`to` (inclusive, epoch minutes),
 * oldest first, in one pipeline. A minute nobody called in comes back with no fields.
 */
export async function readCompanyMinutes(companyId: string, from: number, to: number): Promise<CompanyMinute[]> {
  const minutes = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  if (minutes.length === 0) return [];
  const p = getRedis().pipeline();
  for (const m of minutes) p.hgetall(metricsKeys.companyMinute(companyId, m));
  const hashes = (await p.exec()) as Array<Record<string, unknown> | null>;
  return minutes.map((minute, i) => {
    const fields: Record<string, number> = {};
    for (const [field, raw] of Object.entries(hashes[i] ?? {})) {
      const v = Number(raw);
      if (Number.isFinite(v) && v > 0) fields[field] = v;
    }
    return { minute, fields };
  });
}
