import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { bookAppointment } from "@/lib/services/appointments/book-appointment";
import { listAppointments } from "@/lib/services/appointments/list-appointments";
import {
  appointmentViewSchema,
  bookAppointmentBodySchema,
  calendarListSchema,
  calendarMetaSchema,
  calendarQuerySchema,
} from "@/lib/services/appointments/schemas";
import { parseIdempotencyKey } from "@/lib/api/idempotency-key";

// GET /api/v1/appointments — the calendar: bookings starting in a range (at most 62 days), from MySQL
export const GET = defineRoute({ auth: "required", permission: "appointments:read", service: "appointments" }, async ({ req, caller }) => {
  const query = parseQuery(req, calendarQuerySchema);
  const { value, status } = await listAppointments(caller.cid, query, { fresh: clientWantsFresh(req.headers) });
  return withCacheHeader(ok(calendarListSchema.parse(value.items), { meta: calendarMetaSchema.parse(value.meta) }), status);
});

// POST /api/v1/appointments — book a customer (existing or new) into a slot through Cal.com; 201
export const POST = defineRoute(
  { auth: "required", permission: "appointments:write", service: "appointments" },
  async ({ req, caller }) => {
    const body = await readJson(req, bookAppointmentBodySchema);
    const idempotencyKey = parseIdempotencyKey(req.headers) ?? undefined;
    const booked = await bookAppointment(caller.cid, { ...body, idempotencyKey });
    return ok(appointmentViewSchema.parse(booked), { status: 201, headers: { "cache-control": "no-store" } });
  },
);
