import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { invalidate } from "@/lib/cache/invalidate";
import { getDb } from "@/lib/db/client";
import { calls } from "@/lib/db/schema/calls";
import { companies } from "@/lib/db/schema/companies";
import { companySettings } from "@/lib/db/schema/company-settings";
import { customers } from "@/lib/db/schema/customers";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { calcomClientForCompany } from "@/lib/integrations/for-company";
import type { VendorDeps } from "@/lib/integrations/vendor-deps";
import { isE164 } from "@/lib/phone/is-e164";
import { applyBooking } from "./apply-booking";
import { bookingFactsFromApi } from "./booking-facts-from-api";
import { bookAppointmentSchema, type AppointmentView, type BookAppointmentInput } from "./schemas";
import { toAppointmentView } from "./to-appointment-view";

/**
 * Books a customer into a Cal.com slot and writes the appointment. The booking is made once: Cal.com
 * has no idempotency key, so our marker rides in the booking's metadata and a create whose answer is
 * lost (timeout, 5xx) is looked up before anything is sent again (lib/integrations/calcom); a
 * client's `idempotencyKey` (namespaced by company) makes a retried request find its booking too.
 * The row is written with the same upsert the BOOKING_CREATED webhook uses, so whichever lands
 * first, one appointment results. Emits `appointments.updated`.
 */
export async function bookAppointment(companyId: string, input: BookAppointmentInput, deps: VendorDeps = {}): Promise<AppointmentView> {
  const req = bookAppointmentSchema.parse(input);
  const db = getDb();
  const customer = await findOneOr404(
    db
      .select()
      .from(customers)
      .where(forCompany(customers, companyId, eq(customers.id, req.customerId)))
      .limit(1),
    "No such customer.",
  );
  if (!customer.email)
    throw new ApiError("unprocessable_entity", "The customer needs an email address to be booked.", {
      details: [{ field: "customerId", message: "customer has no email" }],
    });
  if (req.callId)
    await findOneOr404(
      db
        .select({ id: calls.id })
        .from(calls)
        .where(forCompany(calls, companyId, eq(calls.id, req.callId)))
        .limit(1),
      "No such call.",
    );
  const [company] = await db
    .select({ timezone: companies.timezone, eventTypeId: companySettings.calcomEventTypeId })
    .from(companies)
    .leftJoin(companySettings, eq(companySettings.companyId, companies.id))
    .where(eq(companies.id, companyId))
    .limit(1);
  if (!company) throw new ApiError("not_found", "Company not found.");
  const eventTypeId = req.eventTypeId ?? (company.eventTypeId ? Number(company.eventTypeId) : NaN);
  if (!Number.isInteger(eventTypeId) || eventTypeId <= 0)
    throw new ApiError("unprocessable_entity", "Choose the Cal.com event type to book in Settings.");

  const calcom = deps.calcom ?? (await calcomClientForCompany(companyId));
  const booking = await calcom.createBooking(
    {
      start: req.start,
      eventTypeId,
      ...(req.lengthInMinutes ? { lengthInMinutes: req.lengthInMinutes } : {}),
      attendee: {
        name: customer.name,
        email: customer.email,
        timeZone: company.timezone,
        ...(isE164(customer.phone) ? { phoneNumber: customer.phone } : {}),
      },
      metadata: { sb_company_id: companyId, sb_customer_id: customer.id, ...(req.callId ? { sb_call_id: req.callId } : {}) },
      ...(req.idempotencyKey ? { idempotencyKey: `book:${companyId}:${req.idempotencyKey}` } : {}),
    },
    { reconcileDelayMs: deps.reconcileDelayMs },
  );

  const applied = await writeTransaction((tx) =>
    applyBooking(tx, companyId, bookingFactsFromApi(booking), { customerId: customer.id, sourceCallId: req.callId, notes: req.notes }),
  );
  if (!applied) throw new ApiError("conflict", "This booking belongs to another account.");
  await invalidate("appointments.updated", { companyId });
  return toAppointmentView(applied.appointment);
}
