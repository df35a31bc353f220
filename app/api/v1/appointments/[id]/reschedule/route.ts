import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { rescheduleAppointment } from "@/lib/services/appointments/reschedule-appointment";
import { appointmentIdParamsSchema, appointmentViewSchema, rescheduleAppointmentBodySchema } from "@/lib/services/appointments/schemas";

const rule = { auth: "required", permission: "appointments:write", service: "appointments" } as const satisfies AccessRule;

// POST /api/v1/appointments/{id}/reschedule — move to another slot through Cal.com; answers the new booking
export const POST = defineRoute<{ id: string }, typeof rule>(rule, async ({ req, params, caller }) => {
  const { id } = appointmentIdParamsSchema.parse(params);
  const body = await readJson(req, rescheduleAppointmentBodySchema);
  return appointmentViewSchema.parse(await rescheduleAppointment(caller.cid, id, body));
});
