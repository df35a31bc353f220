import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { changeAppointmentStatus } from "@/lib/services/appointments/change-appointment-status";
import { getAppointment } from "@/lib/services/appointments/get-appointment";
import {
  appointmentDetailSchema,
  appointmentIdParamsSchema,
  appointmentViewSchema,
  changeAppointmentStatusSchema,
} from "@/lib/services/appointments/schemas";

const read = { auth: "required", permission: "appointments:read", service: "appointments" } as const satisfies AccessRule;
const write = { auth: "required", permission: "appointments:write", service: "appointments" } as const satisfies AccessRule;

// GET /api/v1/appointments/{id} — one booking with its customer, source call and allowed moves
export const GET = defineRoute<{ id: string }, typeof read>(read, async ({ req, params, caller }) => {
  const { id } = appointmentIdParamsSchema.parse(params);
  const { value, status } = await getAppointment(caller.cid, id, { fresh: clientWantsFresh(req.headers) });
  return withCacheHeader(ok(appointmentDetailSchema.parse(value)), status);
});

// PATCH /api/v1/appointments/{id} — a forward status move (confirmed, completed, no_show); 409 lists the allowed ones
export const PATCH = defineRoute<{ id: string }, typeof write>(write, async ({ req, params, caller }) => {
  const { id } = appointmentIdParamsSchema.parse(params);
  const body = await readJson(req, changeAppointmentStatusSchema);
  return appointmentViewSchema.parse(await changeAppointmentStatus(caller.cid, id, body));
});
