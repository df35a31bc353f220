import { createId } from "@/lib/ids/create-id";
import type { AppointmentStatus, NewAppointment } from "../schema/appointments";
import { MINUTE } from "./anchor";
import { slotTime } from "./call-time";
import type { CompanyContext } from "./context";
import type { CustomerRef } from "./generate-call";
import type { Rng } from "./prng";

const CANCEL_REASONS = ["Schedule conflict", "Feeling better", "Travelling", "Booked elsewhere", "Cost concerns"] as const;
const PRICE_CENTS_PER_MINUTE = 300;
const STANDALONE = ["Consultation", "Check-in visit", "Follow-up visit"] as const;

/**
 * An appointment booked at `bookedAt` (during a call when sourceCallId is set, else from the
 * dashboard or Cal.com directly). Its status follows from whether it lies before the anchor.
 */
export function generateAppointment(
  rng: Rng,
  ctx: CompanyContext,
  customer: CustomerRef | null,
  bookedAt: Date,
  service: string | null,
  sourceCallId: string | null,
): NewAppointment {
  const startAt = slotTime(rng, bookedAt, ctx.company.utcOffsetHours, rng.int(1, 21));
  const endAt = new Date(startAt.getTime() + rng.pick([30, 45, 60]) * MINUTE);
  const past = endAt.getTime() <= ctx.anchor.getTime();
  const status: AppointmentStatus = past
    ? rng.weighted({ completed: 75, no_show: 10, cancelled: 15 })
    : rng.weighted({ scheduled: 55, confirmed: 40, cancelled: 5 });
  const what = service ?? rng.pick(STANDALONE);
  // Cancelled some hours before the start, but never before booking nor after the anchor.
  const cancelledAt =
    status === "cancelled"
      ? new Date(Math.max(bookedAt.getTime(), Math.min(startAt.getTime() - rng.int(2, 48) * 60 * MINUTE, ctx.anchor.getTime() - MINUTE)))
      : null;
  return {
    id: createId("appointment", { at: bookedAt, random: rng.next }),
    companyId: ctx.companyId,
    calBookingUid: rng.string(22),
    customerId: customer?.id ?? null,
    sourceCallId,
    title: `${what[0]!.toUpperCase()}${what.slice(1)}${customer ? ` — ${customer.name}` : ""}`,
    status,
    startAt,
    endAt,
    timezone: ctx.company.timezone,
    location: `${ctx.company.name}, Room ${rng.int(1, 6)}`,
    notes: rng.chance(0.2)
      ? rng.pick(["Bring insurance card.", "New patient forms sent.", "Requested the same practitioner as last time."])
      : null,
    // The event type's price by the visit's length (no draw from rng, so the rest of the data stays as it was).
    priceCents: ((endAt.getTime() - startAt.getTime()) / MINUTE) * PRICE_CENTS_PER_MINUTE,
    currency: "USD",
    cancelReason: status === "cancelled" ? rng.pick(CANCEL_REASONS) : null,
    cancelledAt,
    createdAt: bookedAt,
    updatedAt: cancelledAt ?? bookedAt,
  };
}
