import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { cancelAppointment } from "@/lib/services/appointments/cancel-appointment";
import { appointmentIdParamsSchema, appointmentViewSchema, cancelAppointmentBodySchema } from "@/lib/services/appointments/schemas";

const rule = { auth: "required", permission: "appointments:write", service: "appointments" } as const satisfies AccessRule;

// POST /api/v1/appointments/{id}/cancel — cancel with a reason through Cal.com (final)
export const POST = defineRoute<{ id: string }, typeof rule>(rule, async ({ req, params, caller }) => {
  const { id } = appointmentIdParamsSchema.parse(params);
  const body = await readJson(req, cancelAppointmentBodySchema);
  return appointmentViewSchema.parse(await cancelAppointment(caller.cid, id, body));
});
