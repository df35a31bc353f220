/**
 * The appointment status machine: scheduled → confirmed → completed | no_show; `cancelled` is final
 * and has its own path (cancel). No server imports, so pages read the same table.
 */
export type AppointmentStatusName = "scheduled" | "confirmed" | "completed" | "cancelled" | "no_show";

/** Statuses PATCH may set. */
export const STATUS_TARGETS = ["confirmed", "completed", "no_show"] as const;

const MOVES: Record<AppointmentStatusName, readonly AppointmentStatusName[]> = {
  scheduled: ["confirmed", "cancelled"],
  confirmed: ["completed", "no_show", "cancelled"],
  completed: [],
  no_show: [],
  cancelled: [],
};

/** Where a booking in `status` may go next (cancel included). */
export function allowedMoves(status: AppointmentStatusName): AppointmentStatusName[] {
  return [...MOVES[status]];
}

/** A booking that has not started and is still open may be moved to another slot. */
export function canReschedule(status: AppointmentStatusName, startAt: Date | string, now = Date.now()): boolean {
  return (status === "scheduled" || status === "confirmed") && new Date(startAt).getTime() > now;
}
