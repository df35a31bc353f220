import { ApiError } from "@/lib/api/errors";
import { addDays } from "@/lib/time/add-days";
import { zonedDayStart } from "@/lib/time/zoned-day-start";
import { CALENDAR_MAX_DAYS } from "./schemas";

const isDay = (v: string) => v.length === 10;
const DAY_MS = 86_400_000;

/**
 * `from`/`to` as UTC instants (`from` inclusive, `to` exclusive): a day is the company's local day,
 * `to` including it whole. Refused (400 validation_failed, field details) when `to` is not after
 * `from` or the range is longer than 62 days.
 */
export function resolveCalendarRange(from: string, to: string, timeZone: string): { from: Date; to: Date } {
  const start = isDay(from) ? zonedDayStart(from, timeZone) : new Date(from);
  const end = isDay(to) ? zonedDayStart(addDays(to, 1), timeZone) : new Date(to);
  if (start.getTime() >= end.getTime())
    throw new ApiError("validation_failed", "`from` must be before `to`.", {
      details: [{ field: "to", message: "Must be after `from`.", code: "invalid_range" }],
    });
  // A local range across a DST change is an hour longer or shorter than whole days: allow the hour.
  if (end.getTime() - start.getTime() > CALENDAR_MAX_DAYS * DAY_MS + 3_600_000)
    throw new ApiError("validation_failed", `The range can be at most ${CALENDAR_MAX_DAYS} days.`, {
      details: [{ field: "to", message: `At most ${CALENDAR_MAX_DAYS} days after \`from\`.`, code: "range_too_long" }],
    });
  return { from: start, to: end };
}
