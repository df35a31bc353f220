import type { Logger } from "pino";
import type { AppliedBooking } from "@/lib/services/appointments/apply-booking";
import { nothingDone, type WebhookOutcome } from "./types";

/** `appointments.updated` (and `customers.updated` when the attendee became a new customer). */
export function bookingOutcome(companyId: string, applied: Array<AppliedBooking | null>, log: Logger): WebhookOutcome {
  if (applied.some((a) => a === null)) {
    log.warn({ companyId }, "calcom: a booking uid belongs to another company; nothing written for it");
    if (applied.every((a) => a === null)) return nothingDone(companyId, "booking of another company");
  }
  const customerCreated = applied.some((a) => a?.customerCreated);
  return {
    companyId,
    events: [
      { event: "appointments.updated", companyId },
      ...(customerCreated ? [{ event: "customers.updated" as const, companyId }] : []),
    ],
  };
}
