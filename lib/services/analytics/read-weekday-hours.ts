import { readCallDays } from "@/lib/services/calls/read-call-days";

/** 0 = Monday … 6 = Sunday, of a local day written YYYY-MM-DD. */
const weekdayOf = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

/**
 * Calls by local weekday (rows: Monday … Sunday) and local hour of their start (24 columns) over the
 * local days `from`…`to`: when callers call. From call_day_counts' hour dimension for whole days and
 * the raw rows for today, like every other analytics read.
 */
export async function readWeekdayHours(companyId: string, timezone: string, from: string, to: string, now?: Date): Promise<number[][]> {
  const grid = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const r of await readCallDays(companyId, timezone, from, to, ["hour"], now)) {
    const hour = Number(r.value);
    const row = grid[weekdayOf(r.day)];
    if (row && Number.isInteger(hour) && hour >= 0 && hour < 24) row[hour]! += r.n;
  }
  return grid;
}
