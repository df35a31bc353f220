import { index, int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, instant, ref, timestamps } from "./util";

export const APPOINTMENT_STATUSES = ["scheduled", "confirmed", "completed", "cancelled", "no_show"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** A booking, mirrored from Cal.com (booked by the agent during a call, or from the dashboard). */
export const appointments = mysqlTable(
  "appointments",
  {
    id: id(),
    companyId: ref("company_id").notNull(),
    /** Null only until Cal.com confirms the booking. */
    calBookingUid: varchar("cal_booking_uid", { length: 64 }),
    customerId: ref("customer_id"),
    /** The call during which the agent booked it: booking conversion counts these. */
    sourceCallId: ref("source_call_id"),
    title: varchar("title", { length: 255 }).notNull(),
    status: mysqlEnum("status", APPOINTMENT_STATUSES).notNull().default("scheduled"),
    startAt: instant("start_at").notNull(),
    endAt: instant("end_at").notNull(),
    /** The attendee's IANA zone, for reminders in their local time. */
    timezone: varchar("timezone", { length: 64 }).notNull().default("UTC"),
    location: varchar("location", { length: 255 }),
    /** The event type's price in minor units (Cal.com's `price`), null when Cal.com named none. */
    priceCents: int("price_cents", { unsigned: true }),
    /** ISO 4217, upper case (Cal.com sends lower case); null with priceCents. */
    currency: varchar("currency", { length: 3 }),
    notes: text("notes"),
    cancelReason: varchar("cancel_reason", { length: 500 }),
    cancelledAt: instant("cancelled_at"),
    ...timestamps,
  },
  (t) => [
    // Cal.com webhooks and reschedules find the booking by its uid.
    uniqueIndex("appointments_cal_booking_uq").on(t.calBookingUid),
    // The calendar shows a date range in (start_at, id) order; analytics count bookings and no-shows by
    // date. The id keeps that order in the index (a day's first few stop after a few entries), and the
    // status makes the month summary's count per day and status an index-only scan (no row reads).
    index("appointments_company_start_status_idx").on(t.companyId, t.startAt, t.id, t.status),
    // A customer's timeline.
    index("appointments_company_customer_start_idx").on(t.companyId, t.customerId, t.startAt),
    // Call detail shows the appointment booked during the call.
    index("appointments_company_source_call_idx").on(t.companyId, t.sourceCallId),
    // The dashboard activity feed lists a company's newest bookings (ORDER BY created_at DESC).
    index("appointments_company_created_idx").on(t.companyId, t.createdAt),
  ],
);

export type Appointment = typeof appointments.$inferSelect;
export type NewAppointment = typeof appointments.$inferInsert;
