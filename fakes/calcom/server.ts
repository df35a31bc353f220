import { z } from "zod";
import { DEMO_CREDENTIALS } from "@/lib/db/seed/demo-accounts";
import { signCalcomPayload } from "@/lib/integrations/calcom/signature";
import { CALCOM_API_VERSIONS } from "@/lib/integrations/calcom/schemas";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { deliverWebhook } from "../shared/deliver";
import { startFakeServer, type FakeServer } from "../shared/fake-server";
import { bearerToken, FakeHttpError, json, type FakeRequest, type Route } from "../shared/http";
import { alnumId } from "../shared/ids";
import { formatInZone, localDate, zonedToInstant } from "./zoned-time";

export interface CalcomFakeAccount {
  apiKey: string;
  webhookSecret: string;
  host: { id: number; name: string; email: string; username: string; timeZone: string };
  /** `price` in minor units, `currency` lower case: Cal.com's event type fields (0 and "usd" when free). */
  eventTypes: Array<{ id: number; slug: string; title: string; lengthInMinutes: number; price: number; currency: string }>;
}

export interface CalcomFakeOptions {
  port?: number;
  host?: string;
  /** Default: the demo companies' accounts (event types 1001, 2001) and the local platform account (3001). */
  accounts?: CalcomFakeAccount[];
}

export const DEFAULT_CALCOM_ACCOUNTS: CalcomFakeAccount[] = [
  {
    apiKey: DEMO_CREDENTIALS.acme.calcomApiKey,
    webhookSecret: DEMO_CREDENTIALS.acme.calcomWebhookSecret,
    host: { id: 11, name: "Dr. Sarah Chen", email: "owner@acme.test", username: "acme-dental", timeZone: "America/New_York" },
    eventTypes: [
      {
        id: Number(DEMO_CREDENTIALS.acme.calcomEventTypeId),
        slug: "cleaning",
        title: "Cleaning",
        lengthInMinutes: 30,
        price: 12_000,
        currency: "usd",
      },
    ],
  },
  {
    apiKey: DEMO_CREDENTIALS.globex.calcomApiKey,
    webhookSecret: DEMO_CREDENTIALS.globex.calcomWebhookSecret,
    host: { id: 21, name: "Hank Scorpio", email: "owner@globex.test", username: "globex-clinic", timeZone: "America/Chicago" },
    eventTypes: [
      {
        id: Number(DEMO_CREDENTIALS.globex.calcomEventTypeId),
        slug: "consultation",
        title: "Consultation",
        lengthInMinutes: 20,
        price: 8_500,
        currency: "eur",
      },
    ],
  },
  {
    apiKey: LOCAL_DEFAULTS.calcomApiKey,
    webhookSecret: LOCAL_DEFAULTS.calcomWebhookSecret,
    host: { id: 31, name: "Switchboard", email: "calendar@switchboard.test", username: "switchboard", timeZone: "UTC" },
    eventTypes: [{ id: 3001, slug: "demo", title: "Demo", lengthInMinutes: 30, price: 0, currency: "usd" }],
  },
];

type Booking = Record<string, unknown> & {
  id: number;
  uid: string;
  status: "accepted" | "pending" | "cancelled" | "rejected";
  start: string;
  end: string;
  eventTypeId: number;
  attendees: Array<{ name: string; email: string; timeZone: string; language?: string; absent?: boolean; phoneNumber?: string }>;
  metadata: Record<string, string>;
};

const iso = z.string().datetime({ offset: true });
const createSchema = z.object({
  start: iso,
  eventTypeId: z.number().int(),
  lengthInMinutes: z.number().int().positive().optional(),
  attendee: z.object({
    name: z.string().min(1),
    email: z.string().email(),
    timeZone: z.string().min(1),
    phoneNumber: z.string().optional(),
    language: z.string().optional(),
  }),
  guests: z.array(z.string().email()).optional(),
  location: z.unknown().optional(),
  metadata: z
    .record(z.string(), z.string().max(500))
    .refine((m) => Object.keys(m).length <= 50, "at most 50 keys")
    .optional(),
  bookingFieldsResponses: z.record(z.string(), z.unknown()).optional(),
});
const webhookSchema = z.object({
  target: z.string().url(),
  event: z.string().min(1),
  bookingUid: z.string().optional(),
  /** Defaults to now; pass the same value twice to produce a redelivery. */
  createdAt: z.string().optional(),
  /** Fields merged into the payload (or the whole payload when there is no booking). */
  payload: z.record(z.string(), z.unknown()).optional(),
  /** Which account's secret signs when there is no booking: a demo company or an API key. */
  company: z.enum(["acme", "globex"]).optional(),
  apiKey: z.string().optional(),
});

/**
 * Cal.com API v2, in memory: bookings (list, get, create, cancel, reschedule) and slots per account,
 * answering in the `{status, data}` envelope of the pinned `cal-api-version` (bookings 2024-08-13,
 * slots 2024-09-04; any other version is refused with 400, so a missing pin shows at once).
 * Business hours are not enforced on create, overlapping bookings are (409). Control extra:
 *   POST /__fake/send-webhook {target, event: "BOOKING_CREATED"…, bookingUid, createdAt?, payload?}
 *        → the delivery, signed `X-Cal-Signature-256` with the account's webhook secret
 */
export function startCalcomFake(opts: CalcomFakeOptions = {}): Promise<FakeServer> {
  const accounts = new Map((opts.accounts ?? DEFAULT_CALCOM_ACCOUNTS).map((a) => [a.apiKey, a]));
  const bookings = new Map<string, { apiKey: string; booking: Booking }>();
  let seq = 5_000;

  const pin = (req: FakeRequest<unknown>, family: keyof typeof CALCOM_API_VERSIONS) => {
    const version = req.headers["cal-api-version"];
    if (version !== CALCOM_API_VERSIONS[family])
      throw new FakeHttpError(
        400,
        `cal-api-version ${String(version ?? "(none)")} is not supported here; send ${CALCOM_API_VERSIONS[family]}`,
        "BadRequestException",
      );
  };
  const own = (account: CalcomFakeAccount, uid: string) => {
    const hit = bookings.get(uid);
    if (!hit || hit.apiKey !== account.apiKey)
      throw new FakeHttpError(404, `Booking with uid=${uid} was not found in the database`, "NotFoundException");
    return hit.booking;
  };
  const eventType = (account: CalcomFakeAccount, id: number) => {
    const et = account.eventTypes.find((e) => e.id === id);
    if (!et) throw new FakeHttpError(404, `Event type with id=${id} was not found`, "NotFoundException");
    return et;
  };
  const busy = (account: CalcomFakeAccount, startMs: number, endMs: number, except?: string) =>
    [...bookings.values()].some(
      ({ apiKey, booking: b }) =>
        apiKey === account.apiKey &&
        b.uid !== except &&
        (b.status === "accepted" || b.status === "pending") &&
        Date.parse(b.start) < endMs &&
        Date.parse(b.end) > startMs,
    );

  function book(account: CalcomFakeAccount, input: z.infer<typeof createSchema>, extra: Partial<Booking> = {}, except?: string): Booking {
    const et = eventType(account, input.eventTypeId);
    const startMs = Date.parse(input.start);
    if (startMs < Date.now()) throw new FakeHttpError(400, "Attempting to book a meeting in the past.", "BadRequestException");
    const length = input.lengthInMinutes ?? et.lengthInMinutes;
    const endMs = startMs + length * 60_000;
    if (busy(account, startMs, endMs, except))
      throw new FakeHttpError(409, "User either already has booking at this time or is not available", "ConflictException");
    const now = new Date().toISOString();
    const booking: Booking = {
      id: ++seq,
      uid: alnumId("", 22),
      title: `${et.title} between ${account.host.name} and ${input.attendee.name}`,
      description: "",
      hosts: [account.host],
      status: "accepted",
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
      duration: length,
      eventTypeId: et.id,
      eventType: { id: et.id, slug: et.slug },
      meetingUrl: null,
      location: "",
      absentHost: false,
      attendees: [
        {
          name: input.attendee.name,
          email: input.attendee.email,
          timeZone: input.attendee.timeZone,
          language: input.attendee.language ?? "en",
          absent: false,
          ...(input.attendee.phoneNumber ? { phoneNumber: input.attendee.phoneNumber } : {}),
        },
      ],
      guests: input.guests ?? [],
      bookingFieldsResponses: { name: input.attendee.name, email: input.attendee.email, ...input.bookingFieldsResponses },
      metadata: input.metadata ?? {},
      createdAt: now,
      updatedAt: now,
      ...extra,
    };
    bookings.set(booking.uid, { apiKey: account.apiKey, booking });
    return booking;
  }

  const routes: Route<CalcomFakeAccount>[] = [
    {
      method: "GET",
      pattern: "/v2/bookings",
      handler: (req) => {
        pin(req, "bookings");
        const q = req.query;
        const take = Number(q.get("take") ?? 100);
        const skip = Number(q.get("skip") ?? 0);
        if (!Number.isInteger(take) || take < 1 || take > 250 || !Number.isInteger(skip) || skip < 0)
          throw new FakeHttpError(400, "take must be 1–250 and skip ≥ 0", "BadRequestException");
        const statuses = q.get("status")?.split(",").filter(Boolean);
        const now = Date.now();
        const inStatus = (b: Booking) =>
          !statuses ||
          statuses.some((s) =>
            s === "upcoming"
              ? (b.status === "accepted" || b.status === "pending") && Date.parse(b.end) >= now
              : s === "past"
                ? b.status !== "cancelled" && Date.parse(b.end) < now
                : s === "cancelled"
                  ? b.status === "cancelled" || b.status === "rejected"
                  : s === "unconfirmed"
                    ? b.status === "pending"
                    : false,
          );
        const email = q.get("attendeeEmail")?.toLowerCase();
        const eventTypeId = q.get("eventTypeId");
        const afterStart = q.get("afterStart");
        const beforeEnd = q.get("beforeEnd");
        const desc = q.get("sortStart") === "desc";
        const rows = [...bookings.values()]
          .filter(({ apiKey }) => apiKey === req.account.apiKey)
          .map(({ booking }) => booking)
          .filter((b) => inStatus(b))
          .filter((b) => !email || b.attendees.some((a) => a.email.toLowerCase() === email))
          .filter((b) => !eventTypeId || b.eventTypeId === Number(eventTypeId))
          .filter((b) => !afterStart || Date.parse(b.start) >= Date.parse(afterStart))
          .filter((b) => !beforeEnd || Date.parse(b.end) <= Date.parse(beforeEnd))
          .sort((a, b) => (desc ? -1 : 1) * (Date.parse(a.start) - Date.parse(b.start)) || a.id - b.id);
        const page = rows.slice(skip, skip + take);
        const totalPages = Math.max(1, Math.ceil(rows.length / take));
        return json(200, {
          status: "success",
          data: page,
          pagination: {
            totalItems: rows.length,
            remainingItems: Math.max(0, rows.length - skip - page.length),
            returnedItems: page.length,
            itemsPerPage: take,
            currentPage: Math.floor(skip / take) + 1,
            totalPages,
            hasNextPage: skip + page.length < rows.length,
            hasPreviousPage: skip > 0,
          },
        });
      },
    },
    {
      method: "GET",
      pattern: "/v2/bookings/:uid",
      handler: (req) => {
        pin(req, "bookings");
        return json(200, { status: "success", data: own(req.account, req.params.uid!) });
      },
    },
    {
      method: "POST",
      pattern: "/v2/bookings",
      handler: (req) => {
        pin(req, "bookings");
        return json(201, { status: "success", data: book(req.account, createSchema.parse(req.json() ?? {})) });
      },
    },
    {
      method: "POST",
      pattern: "/v2/bookings/:uid/cancel",
      handler: (req) => {
        pin(req, "bookings");
        const b = own(req.account, req.params.uid!);
        if (b.status === "cancelled") throw new FakeHttpError(400, "This booking has already been cancelled.", "BadRequestException");
        const body = z.object({ cancellationReason: z.string().optional() }).parse(req.json() ?? {});
        Object.assign(b, { status: "cancelled", cancellationReason: body.cancellationReason ?? null, updatedAt: new Date().toISOString() });
        return json(200, { status: "success", data: b });
      },
    },
    {
      method: "POST",
      pattern: "/v2/bookings/:uid/reschedule",
      handler: (req) => {
        pin(req, "bookings");
        const old = own(req.account, req.params.uid!);
        if (old.status === "cancelled") throw new FakeHttpError(400, "Can't reschedule a cancelled booking.", "BadRequestException");
        const body = z.object({ start: iso, reschedulingReason: z.string().optional() }).parse(req.json() ?? {});
        const attendee = old.attendees[0]!;
        const next = book(
          req.account,
          { start: body.start, eventTypeId: old.eventTypeId, lengthInMinutes: Number(old.duration), attendee, metadata: old.metadata },
          { rescheduledFromUid: old.uid, reschedulingReason: body.reschedulingReason ?? null },
          old.uid,
        );
        Object.assign(old, { status: "cancelled", rescheduled: true, rescheduledToUid: next.uid, updatedAt: new Date().toISOString() });
        return json(201, { status: "success", data: next });
      },
    },
    {
      method: "GET",
      pattern: "/v2/slots",
      handler: (req) => {
        pin(req, "slots");
        const q = req.query;
        const et = eventType(req.account, Number(q.get("eventTypeId")));
        const timeZone = q.get("timeZone") ?? "UTC";
        const start = q.get("start");
        const end = q.get("end");
        if (!start || !end) throw new FakeHttpError(400, "start and end are required", "BadRequestException");
        try {
          formatInZone(Date.now(), timeZone);
        } catch {
          throw new FakeHttpError(400, `Invalid time zone ${timeZone}`, "BadRequestException");
        }
        // A date is a local date already; an instant is read in the requested zone.
        const dateOf = (v: string) =>
          /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : Number.isNaN(Date.parse(v)) ? null : localDate(Date.parse(v), timeZone);
        const from = dateOf(start);
        const to = dateOf(end);
        if (!from || !to) throw new FakeHttpError(400, "start and end must be ISO dates or instants", "BadRequestException");
        const slots: Record<string, Array<{ start: string }>> = {};
        for (let day = Date.parse(`${from}T00:00:00Z`), n = 0; day <= Date.parse(`${to}T00:00:00Z`) && n < 62; day += 86_400_000, n++) {
          const d = new Date(day);
          if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue;
          const list: Array<{ start: string }> = [];
          for (let minute = 9 * 60; minute + et.lengthInMinutes <= 17 * 60; minute += et.lengthInMinutes) {
            const at = zonedToInstant(
              d.getUTCFullYear(),
              d.getUTCMonth() + 1,
              d.getUTCDate(),
              Math.floor(minute / 60),
              minute % 60,
              timeZone,
            );
            if (at > Date.now() && !busy(req.account, at, at + et.lengthInMinutes * 60_000))
              list.push({ start: formatInZone(at, timeZone) });
          }
          if (list.length) slots[d.toISOString().slice(0, 10)] = list;
        }
        return json(200, { status: "success", data: slots });
      },
    },
  ];

  const control: Route<null>[] = [
    {
      method: "POST",
      pattern: "/__fake/send-webhook",
      handler: async (req) => {
        const body = webhookSchema.parse(req.json() ?? {});
        let secret: string | undefined;
        let payload: Record<string, unknown>;
        if (body.bookingUid) {
          const hit = bookings.get(body.bookingUid);
          if (!hit) throw new FakeHttpError(404, `no booking ${body.bookingUid}`);
          const account = accounts.get(hit.apiKey)!;
          secret = account.webhookSecret;
          payload = { ...webhookPayload(hit.booking, account), ...body.payload };
        } else {
          const key = body.apiKey ?? (body.company ? DEMO_CREDENTIALS[body.company].calcomApiKey : LOCAL_DEFAULTS.calcomApiKey);
          secret = accounts.get(key)?.webhookSecret;
          payload = body.payload ?? {};
        }
        if (!secret) throw new FakeHttpError(400, "unknown account");
        const raw = JSON.stringify({ triggerEvent: body.event, createdAt: body.createdAt ?? new Date().toISOString(), payload });
        return json(200, {
          deliveries: [await deliverWebhook(body.target, raw, { "x-cal-signature-256": signCalcomPayload(raw, secret) })],
        });
      },
    },
  ];

  return startFakeServer(
    {
      name: "calcom",
      routes,
      control,
      authenticate: (req) => accounts.get(bearerToken(req.headers) ?? "") ?? null,
      errorResponse: (status, message, code) =>
        json(status, { status: "error", timestamp: new Date().toISOString(), error: { code: code ?? `HTTP_${status}`, message } }),
      rateLimitHeaders: (retryAfter) => ({
        "retry-after": String(Math.ceil(retryAfter)),
        "x-ratelimit-limit": "120",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.ceil(retryAfter)),
      }),
      reset: () => bookings.clear(),
      state: () => ({ bookings: [...bookings.values()].map((b) => b.booking) }),
    },
    opts,
  );
}

/** The booking as Cal.com's webhooks describe it (startTime/endTime, capitalised status, bookingId). */
function webhookPayload(b: Booking, account: CalcomFakeAccount): Record<string, unknown> {
  const et = account.eventTypes.find((e) => e.id === b.eventTypeId);
  return {
    type: et?.slug,
    title: b.title,
    description: b.description ?? "",
    startTime: b.start,
    endTime: b.end,
    organizer: {
      id: account.host.id,
      name: account.host.name,
      email: account.host.email,
      username: account.host.username,
      timeZone: account.host.timeZone,
      language: { locale: "en" },
    },
    attendees: b.attendees.map((a) => ({ name: a.name, email: a.email, timeZone: a.timeZone, language: { locale: "en" } })),
    location: b.location ?? "",
    uid: b.uid,
    bookingId: b.id,
    eventTypeId: b.eventTypeId,
    status: b.status.toUpperCase(),
    metadata: b.metadata,
    price: et?.price ?? 0,
    currency: et?.currency ?? "usd",
    ...(b.cancellationReason ? { cancellationReason: b.cancellationReason } : {}),
    ...(b.rescheduledFromUid ? { rescheduleUid: b.rescheduledFromUid } : {}),
  };
}
