import { ApiError } from "@/lib/api/errors";
import { cached } from "@/lib/cache/cached";
import { cacheKeyOf } from "@/lib/cache/cache-key-of";
import { calcomClientForCompany } from "@/lib/integrations/for-company";
import type { VendorDeps } from "@/lib/integrations/vendor-deps";
import { recordFallback } from "@/lib/metrics/recorder";
import { getRedis, redisKey } from "@/lib/redis/client";
import { bookingSetupOf } from "./booking-setup-of";
import { CALCOM_RETRY_AFTER_SEC } from "./calcom-write-failed";
import { isCalcomOutage } from "./is-calcom-outage";
import { resolveCalendarRange } from "./resolve-calendar-range";
import type { SlotsQuery } from "./schemas";

/** How long Cal.com's last answer for a range is kept to answer with while Cal.com is down. */
const LAST_ANSWER_TTL_SEC = 24 * 3600;

type Slot = { start: string };

export interface FreeSlots {
  slots: Slot[];
  meta: { from: string; to: string; timezone: string; stale: boolean };
}

/**
 * Free slots of the company's event type from Cal.com (through its breaker), soonest first, none in
 * the past. Through the cache (resource "appointments", L2 300 s: a booking made here frees the
 * entry at once). Each live answer is also kept for a day; while Cal.com is down (open breaker,
 * timeout, 5xx) the last one for the same range answers with `fallback: true` (the route marks it
 * X-Gateway-Fallback); with none kept, 503 with Retry-After.
 */
export async function listFreeSlots(
  companyId: string,
  query: SlotsQuery,
  deps: VendorDeps & { fresh?: boolean } = {},
): Promise<{ value: FreeSlots; fallback: boolean }> {
  const setup = await bookingSetupOf(companyId);
  const range = resolveCalendarRange(query.from, query.to, setup.timezone);
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const name = await cacheKeyOf({ eventTypeId: setup.eventTypeId, from, to });
  const lastKey = redisKey("slots-last", companyId, name);
  const answer = (slots: Slot[], stale: boolean) => ({
    value: { slots: slots.filter((s) => Date.parse(s.start) > Date.now()), meta: { from, to, timezone: setup.timezone, stale } },
    fallback: stale,
  });

  try {
    const { value } = await cached({ resource: "appointments", companyId, key: `slots:${name}`, bypass: deps.fresh }, async () => {
      const calcom = deps.calcom ?? (await calcomClientForCompany(companyId));
      // Cal.com's `end` is inclusive: ask up to the last millisecond of the range.
      const last = new Date(range.to.getTime() - 1).toISOString();
      const { value: byDay } = await calcom.getSlots(setup.eventTypeId, from, last, setup.timezone);
      const slots = Object.values(byDay)
        .flat()
        .map((s) => ({ start: new Date(s.start).toISOString() }))
        .filter((s) => s.start >= from && s.start < to)
        .sort((a, b) => a.start.localeCompare(b.start));
      await getRedis().set(lastKey, slots, { ex: LAST_ANSWER_TTL_SEC });
      return slots;
    });
    return answer(value, false);
  } catch (err) {
    if (!isCalcomOutage(err)) throw err;
    const kept = await getRedis().get<Slot[]>(lastKey);
    if (!kept)
      throw new ApiError("service_unavailable", "Free slots are unavailable right now; try again shortly.", {
        headers: { "retry-after": String(CALCOM_RETRY_AFTER_SEC) },
        cause: err,
      });
    recordFallback("calcom");
    return answer(kept, true);
  }
}
