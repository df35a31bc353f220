/** The Cal.com triggers Switchboard records and processes; any other verified trigger is acknowledged and dropped. */
export const CALCOM_HANDLED_EVENTS = [
  "BOOKING_CREATED",
  "BOOKING_REQUESTED",
  "BOOKING_RESCHEDULED",
  "BOOKING_CANCELLED",
  "BOOKING_REJECTED",
] as const;
