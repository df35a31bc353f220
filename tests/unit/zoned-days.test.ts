import { describe, expect, it } from "vitest";
import { dayEdges, resolvePeriod } from "@/lib/services/dashboard/resolve-period";
import { addDays, daysBetween } from "@/lib/time/add-days";
import { isTimeZone, zonedDateOf } from "@/lib/time/zoned-date-of";
import { zonedDayStart } from "@/lib/time/zoned-day-start";

describe("zonedDayStart: a local midnight as a UTC instant", () => {
  it.each([
    ["2026-03-07", "America/New_York", "2026-03-07T05:00:00.000Z"],
    // DST starts on 8 March 2026 at 02:00: that day still starts at -05:00, the next at -04:00.
    ["2026-03-08", "America/New_York", "2026-03-08T05:00:00.000Z"],
    ["2026-03-09", "America/New_York", "2026-03-09T04:00:00.000Z"],
    ["2026-11-01", "America/New_York", "2026-11-01T04:00:00.000Z"],
    ["2026-11-02", "America/New_York", "2026-11-02T05:00:00.000Z"],
    ["2026-03-29", "Europe/Berlin", "2026-03-28T23:00:00.000Z"],
    ["2026-01-01", "Asia/Kolkata", "2025-12-31T18:30:00.000Z"],
    ["2026-01-01", "UTC", "2026-01-01T00:00:00.000Z"],
    // Santiago's clocks jump from 24:00 to 01:00: the day starts at 01:00 local (-03:00).
    ["2026-09-06", "America/Santiago", "2026-09-06T04:00:00.000Z"],
  ])("%s in %s starts at %s", (date, tz, iso) => {
    expect(zonedDayStart(date, tz).toISOString()).toBe(iso);
    expect(zonedDateOf(zonedDayStart(date, tz), tz)).toBe(date);
  });

  it("answers a kept midnight again as a new Date each time: a caller changing one changes no other", () => {
    const first = zonedDayStart("2026-03-09", "America/New_York");
    first.setUTCFullYear(1999);
    const again = zonedDayStart("2026-03-09", "America/New_York");
    expect(again).not.toBe(first);
    expect(again.toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });

  it("still refuses an unknown zone (nothing is kept for it)", () => {
    expect(() => zonedDayStart("2026-03-09", "Mars/Olympus_Mons")).toThrow(RangeError);
    expect(() => zonedDayStart("2026-03-09", "Mars/Olympus_Mons")).toThrow(RangeError);
  });

  it("zonedDateOf splits at local midnight; calendar arithmetic crosses months and years", () => {
    expect(zonedDateOf(new Date("2026-03-08T04:59:59.999Z"), "America/New_York")).toBe("2026-03-07");
    expect(zonedDateOf(new Date("2026-03-08T05:00:00.000Z"), "America/New_York")).toBe("2026-03-08");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(daysBetween("2026-03-01", "2026-03-31")).toBe(30);
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});

describe("resolvePeriod", () => {
  const now = new Date("2026-03-10T12:00:00Z");

  it("7d = the last 7 local days including today; the previous period is the 7 before", () => {
    const p = resolvePeriod({ range: "7d" }, "today", "America/New_York", now);
    expect(p).toMatchObject({
      range: "7d",
      days: 7,
      firstDay: "2026-03-04",
      lastDay: "2026-03-10",
      from: "2026-03-04T05:00:00.000Z",
      to: "2026-03-11T04:00:00.000Z",
    });
    expect(p.previous).toEqual({
      firstDay: "2026-02-25",
      lastDay: "2026-03-03",
      from: "2026-02-25T05:00:00.000Z",
      to: "2026-03-04T05:00:00.000Z",
    });
    const { dates, edges } = dayEdges(p);
    expect(dates).toEqual(["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"]);
    // The 8 March bucket is 23 hours long (DST).
    expect(edges[5]!.getTime() - edges[4]!.getTime()).toBe(23 * 3_600_000);
  });

  it("today is the company's calendar day, not UTC's; custom from/to includes both days", () => {
    const late = new Date("2026-03-11T02:00:00Z"); // still 10 March in New York
    expect(resolvePeriod({}, "today", "America/New_York", late)).toMatchObject({
      range: "today",
      firstDay: "2026-03-10",
      lastDay: "2026-03-10",
      days: 1,
    });
    expect(resolvePeriod({}, "today", "UTC", late)).toMatchObject({ firstDay: "2026-03-11" });
    const custom = resolvePeriod({ from: "2026-02-01", to: "2026-02-28" }, "today", "UTC", now);
    expect(custom).toMatchObject({ range: "custom", days: 28, to: "2026-03-01T00:00:00.000Z" });
    expect(custom.previous).toMatchObject({ firstDay: "2026-01-04", lastDay: "2026-01-31" });
  });
});
