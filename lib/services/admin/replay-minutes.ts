import type { CompanyMinute } from "@/lib/metrics/read-company-minutes";

/**
 * How many of the recorded attempts a fixed-hour-window counter with `limit(unit)` would have refused
 * in minutes `from`..`to`. Every field of a minute hash that `unitOf` names is one counter (the
 * company, a person, a principal × endpoint group, a resource). The gateway's windows are aligned to
 * the clock hour and a refused request consumes nothing, so within a window the attempts after the
 * limit-th are the refused ones: per-minute counts give the refusals exactly (given the same attempts).
 * `minutes` must start at the beginning of the clock hour containing `from`, oldest first.
 */
export function replayMinutes(
  minutes: CompanyMinute[],
  from: number,
  unitOf: (field: string) => string | null,
  limit: (unit: string) => number | undefined,
): number {
  const used = new Map<string, number>();
  let refused = 0;
  for (const { minute, fields } of minutes) {
    const hour = Math.floor(minute / 60);
    for (const [field, attempts] of Object.entries(fields)) {
      const unit = unitOf(field);
      if (unit === null) continue;
      const max = limit(unit);
      if (max === undefined) continue;
      const key = `${hour} ${unit}`;
      const before = used.get(key) ?? 0;
      const after = before + attempts;
      used.set(key, after);
      if (minute >= from) refused += Math.max(0, after - Math.max(max, before));
    }
  }
  return refused;
}
