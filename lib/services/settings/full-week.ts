import type { BusinessHours } from "@/lib/db/schema/company-settings";
import { WEEKDAYS, type BusinessHoursInput } from "./schemas";

/**
 * Stored hours as the API shows them: every weekday named, a missing day closed ([]). Saved hours
 * always name all seven days, so a week with every day closed stays the company's choice rather
 * than falling back to the default (an empty object is "never set").
 */
export function fullWeek(hours: BusinessHours): BusinessHoursInput {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, (hours[d] ?? []).map(({ open, close }) => ({ open, close }))])) as BusinessHoursInput;
}

/** Ranges of each day in opening order, as they are stored. */
export function sortedWeek(hours: BusinessHoursInput): BusinessHoursInput {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, [...hours[d]].sort((a, b) => a.open.localeCompare(b.open))])) as BusinessHoursInput;
}
