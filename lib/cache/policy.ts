/**
 * The cache policy table (SPEC "Caching", seed 004 "Caching strategy"): one row per cached resource.
 *
 * What the two levels mean here:
 * - L2: Redis only. Every read is one Redis trip that returns the entry if it is still current.
 * - L1: the same Redis entry, plus a small per-instance in-memory copy of its body. The copy is never
 *   trusted on its own: the one trip a read makes anyway compares the copy's tag versions with the
 *   current ones, and Redis answers "your copy is current" without sending the body back. L1 saves
 *   the transfer (dashboard aggregates are the largest bodies on the hottest pages), not the trip,
 *   which is the price of the SPEC rule: "after a write commits, no instance serves data older than
 *   that write for the resources its event invalidates".
 *
 * Columns:
 * - ttlSec: how long an entry is fresh; "session" = until the caller's session expires (capped).
 * - swrSec: after the TTL, how long a stale entry may still be served (STALE) while one refresher
 *   reloads it. Stale never outlives an invalidation: only entries whose tag versions are current are
 *   served, fresh or stale. 0 where a list must reflect changes that arrive without an event.
 * - personal: entries belong to one user inside a company; keys then carry the user id.
 * - dependsOn: resources this one is derived from. Invalidating a resource invalidates every
 *   resource that depends on it, transitively (see resources-invalidated-by.ts).
 * - bypass: a kill switch; true sends every read straight to the loader (status BYPASS).
 */
export interface CachePolicy {
  level: "L1" | "L2";
  ttlSec: number | "session";
  swrSec: number;
  personal: boolean;
  dependsOn: readonly string[];
  bypass: boolean;
}

/** The longest an entry may live when its TTL is the session's (next-auth's default maxAge). */
export const SESSION_TTL_CAP_SEC = 30 * 24 * 3600;

export const CACHE_POLICIES = {
  // Aggregates over calls, customers and bookings (the overview counts them); a minute-old dashboard is fine while it reloads.
  // Days and "today" are the company's time zone's: a settings change (time zone) re-buckets them.
  dashboard: {
    level: "L1",
    ttlSec: 60,
    swrSec: 60,
    personal: false,
    dependsOn: ["calls", "customers", "appointments", "companySettings"],
    bypass: false,
  },
  // Call status changes arrive by webhook (call ended, transcript ready): no stale lists. A call embeds
  // its customer and booking, so their changes invalidate it too; a date-only filter is a day in the company's time zone.
  calls: {
    level: "L1",
    ttlSec: 30,
    swrSec: 0,
    personal: false,
    dependsOn: ["appointments", "customers", "companySettings"],
    bypass: false,
  },
  // What the dashboard shell shows about the signed-in person (memberships, role, preferences).
  session: { level: "L1", ttlSec: "session", swrSec: 0, personal: true, dependsOn: ["settings"], bypass: false },
  // A person's own settings inside a company, with the company's defaults filled in.
  settings: { level: "L1", ttlSec: 300, swrSec: 60, personal: true, dependsOn: ["companySettings"], bypass: false },
  customers: { level: "L2", ttlSec: 600, swrSec: 120, personal: false, dependsOn: [], bypass: false },
  // Bookings can change on Cal.com's side: never show a cancelled slot from a stale entry.
  appointments: { level: "L2", ttlSec: 300, swrSec: 0, personal: false, dependsOn: [], bypass: false },
  // Calendar views (day/week/month grids) are built from appointments, and carry the business hours and time zone.
  calendar: { level: "L2", ttlSec: 300, swrSec: 0, personal: false, dependsOn: ["appointments", "companySettings"], bypass: false },
  // A customer's timeline merges their calls, bookings and emails: any of them changing invalidates it.
  timeline: { level: "L2", ttlSec: 600, swrSec: 0, personal: false, dependsOn: ["customers", "appointments", "calls"], bypass: false },
  // Expensive aggregates where minutes of lag are acceptable; serve stale while one instance reloads.
  // Buckets by day/week/month are in the company's time zone.
  analytics: {
    level: "L2",
    ttlSec: 900,
    swrSec: 300,
    personal: false,
    dependsOn: ["calls", "appointments", "companySettings"],
    bypass: false,
  },
  companySettings: { level: "L2", ttlSec: 1800, swrSec: 300, personal: false, dependsOn: [], bypass: false },
} as const satisfies Record<string, CachePolicy>;

export type CacheResource = keyof typeof CACHE_POLICIES;

/** Resources whose entries belong to one user (their keys carry the user id). */
export type PersonalResource = {
  [R in CacheResource]: (typeof CACHE_POLICIES)[R]["personal"] extends true ? R : never;
}[CacheResource];

export const CACHE_RESOURCES = Object.keys(CACHE_POLICIES) as CacheResource[];

/**
 * Events and the resources they change directly; the dependency column adds the rest. With the
 * table above: calls.created → calls, dashboard, analytics; appointments.updated → appointments,
 * calendar, analytics, dashboard, calls, timeline (beyond the SPEC's table: the overview counts bookings, a call
 * shows its booking); customers.updated → customers, dashboard, calls (and analytics, through calls), and appointments with the
 * calendar (both show the customer's name and contacts), hence timeline; settings.changed → companySettings,
 * settings, session, and the company data read in its time zone or with its business hours: dashboard, calls,
 * calendar, analytics (hence timeline).
 */
export const CACHE_EVENTS = {
  "calls.created": ["calls"],
  "appointments.updated": ["appointments"],
  // A booking shows its customer's name and contacts: the calendar (through appointments) must not keep the old ones.
  "customers.updated": ["customers", "appointments", "calendar"],
  "settings.changed": ["companySettings"],
} as const satisfies Record<string, readonly CacheResource[]>;

export type CacheEvent = keyof typeof CACHE_EVENTS;
