import { createId } from "@/lib/ids/create-id";
import type { NewAppointment } from "../schema/appointments";
import type { EmailEventType, NewEmailEvent } from "../schema/email-events";
import { DAY, MINUTE } from "./anchor";
import type { CompanyContext } from "./context";
import type { CustomerRef } from "./generate-call";
import type { Rng } from "./prng";

/**
 * SendGrid events for an appointment's confirmation email and, the day before, its reminder:
 * processed → delivered (or bounce) → maybe open → maybe click. Nothing after the anchor.
 */
export function generateEmailEvents(rng: Rng, ctx: CompanyContext, customer: CustomerRef, appointment: NewAppointment): NewEmailEvent[] {
  if (!customer.email) return [];
  const sends = [appointment.createdAt!.getTime() + 5_000];
  if (appointment.status !== "cancelled") sends.push(appointment.startAt.getTime() - DAY);
  const out: NewEmailEvent[] = [];
  for (const sentAt of sends) {
    const sgMessageId = `${rng.string(22)}.filterdrecv-${rng.int(100, 999)}-${rng.int(1, 9)}`;
    const steps: [EmailEventType, number][] = [["processed", 0]];
    if (rng.chance(0.03)) steps.push(["bounce", 4_000]);
    else {
      steps.push(["delivered", rng.int(2_000, 20_000)]);
      if (rng.chance(0.62)) {
        const openedAfter = rng.int(1, 600) * MINUTE;
        steps.push(["open", openedAfter]);
        if (rng.chance(0.22)) steps.push(["click", openedAfter + rng.int(5, 120) * 1000]);
      }
    }
    for (const [eventType, after] of steps) {
      const occurredAt = new Date(sentAt + after);
      if (occurredAt.getTime() >= ctx.anchor.getTime()) break;
      out.push({
        id: createId("emailEvent", { at: occurredAt, random: rng.next }),
        companyId: ctx.companyId,
        customerId: customer.id,
        sgMessageId,
        sgEventId: rng.string(22),
        eventType,
        email: customer.email,
        metadata:
          eventType === "bounce"
            ? { reason: "550 5.1.1 The email account that you tried to reach does not exist" }
            : eventType === "click"
              ? { url: "https://cal.example.com/booking/manage" }
              : null,
        occurredAt,
        createdAt: occurredAt,
      });
    }
  }
  return out;
}
