import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { runIdempotent } from "@/lib/api/run-idempotent";
import { invalidate } from "@/lib/cache/invalidate";
import { getDb } from "@/lib/db/client";
import { appointments } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { calcomClientForCompany } from "@/lib/integrations/for-company";
import type { VendorDeps } from "@/lib/integrations/vendor-deps";
import { isE164 } from "@/lib/phone/is-e164";
import { applyBooking } from "./apply-booking";
import { bookingFactsFromApi } from "./booking-facts-from-api";
import { bookingSetupOf } from "./booking-setup-of";
import { calcomWriteFailed } from "./calcom-write-failed";
import { bookAppointmentSchema, type AppointmentView, type BookAppointmentInput } from "./schemas";
import { toAppointmentView } from "./to-appointment-view";

/**
 * Books a customer into a Cal.com slot and writes the appointment. The booking is made once: Cal.com
 * has no idempotency key, so our marker rides in the booking's metadata and a create whose answer is
 * lost (timeout, 5xx) is looked up before anything is sent again (lib/integrations/calcom); a
 * client's `idempotencyKey` (namespaced by company; runIdempotent) answers a retry with the booking
 * the first request made, and 409 while that first request is still running, so concurrent requests
 * with one key reach Cal.com once (the key also rides to Cal.com as the marker).
 * The row is written with the same upsert the BOOKING_CREATED webhook uses, so whichever lands
 * first, one appointment results. With `customer` instead of `customerId`, the customer is created
 * in the same transaction as the appointment. Cal.com down: 503, nothing written. Emits
 * `appointments.updated` (and `customers` when one was created).
 */
export async function bookAppointment(companyId: string, input: BookAppointmentInput, deps: VendorDeps = {}): Promise<AppointmentView> {
  const req = bookAppointmentSchema.parse(input);
  const db = getDb();
  const customer = req.customerId
    ? await findOneOr404(
        db
          .select({ id: customers.id, name: customers.name, email: customers.email, phone: customers.phone })
          .from(customers)
          .where(forCompany(customers, companyId, eq(customers.id, req.customerId)))
          .limit(1),
        "No such customer.",
      )
    : req.customer
      ? { id: null, name: req.customer.name, email: req.customer.email, phone: req.customer.phone ?? null }
      : null;
  if (!customer)
    throw new ApiError("validation_failed", "Give customerId or customer.", {
      details: [{ field: "customerId", message: "Pick a customer or give a new one.", code: "required" }],
    });
  if (!customer.email)
    throw new ApiError("unprocessable_entity", "The customer needs an email address to be booked.", {
      details: [{ field: "customerId", message: "customer has no email" }],
    });
  const email = customer.email;
  if (Date.parse(req.start) <= Date.now())
    throw new ApiError("validation_failed", "The slot has already started.", {
      details: [{ field: "start", message: "Choose a slot in the future.", code: "in_the_past" }],
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
  const setup = await bookingSetupOf(companyId);
  const { idempotencyKey, ...request } = req;
  const calcom = deps.calcom ?? (await calcomClientForCompany(companyId));

  const { value } = await runIdempotent<AppointmentView>({
    companyId,
    scope: "appointments.book",
    key: idempotencyKey ?? null,
    body: request,
    replay: (id) => bookedAppointment(companyId, id),
    create: async () => {
      const booking = await calcom
        .createBooking(
          {
            start: req.start,
            eventTypeId: setup.eventTypeId,
            ...(req.lengthInMinutes ? { lengthInMinutes: req.lengthInMinutes } : {}),
            attendee: {
              name: customer.name,
              email,
              timeZone: setup.timezone,
              ...(isE164(customer.phone) ? { phoneNumber: customer.phone } : {}),
            },
            metadata: {
              sb_company_id: companyId,
              ...(customer.id ? { sb_customer_id: customer.id } : {}),
              ...(req.callId ? { sb_call_id: req.callId } : {}),
            },
            ...(idempotencyKey ? { idempotencyKey: `book:${companyId}:${idempotencyKey}` } : {}),
          },
          { reconcileDelayMs: deps.reconcileDelayMs },
        )
        .catch((err: unknown) => {
          throw calcomWriteFailed(err);
        });

      // A new customer is created here, in the booking's transaction (found again by phone or email if known).
      const applied = await writeTransaction((tx) =>
        applyBooking(tx, companyId, bookingFactsFromApi(booking), { customerId: customer.id, sourceCallId: req.callId, notes: req.notes }),
      );
      if (!applied) throw new ApiError("conflict", "This booking belongs to another account.");
      await invalidate(applied.customerCreated ? { resources: ["appointments", "customers"] } : "appointments.updated", { companyId });
      return { id: applied.appointment.id, value: toAppointmentView(applied.appointment) };
    },
  });
  return value;
}

/** The appointment an earlier request with the same key booked, or null when it is gone. */
async function bookedAppointment(companyId: string, id: string): Promise<AppointmentView | null> {
  const [row] = await getDb()
    .select()
    .from(appointments)
    .where(forCompany(appointments, companyId, eq(appointments.id, id)))
    .limit(1);
  return row ? toAppointmentView(row) : null;
}
