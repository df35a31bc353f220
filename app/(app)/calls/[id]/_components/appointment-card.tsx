import Link from "next/link";
import { Badge, statusTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { CallDetail } from "@/lib/services/calls/schemas";
import { formatSlot } from "./format-call-time";

type Appointment = NonNullable<CallDetail["appointment"]>;

const STATUS_TEXT: Record<Appointment["status"], string> = {
  scheduled: "Scheduled",
  confirmed: "Confirmed",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};

const linkClass =
  "mt-2 inline-block text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600";

/**
 * The appointment the agent booked during this call, in the attendee's own time zone, with a link to
 * it in the calendar; with none, those who may book get "Book an appointment" for this call.
 */
export function AppointmentCard({
  appointment,
  callId,
  canBook,
  className,
}: {
  appointment: Appointment | null;
  callId: string;
  canBook: boolean;
  className?: string;
}) {
  if (!appointment) {
    if (!canBook) return null;
    return (
      <Card title="No booking from this call" className={className} data-testid="call-appointment">
        <Link href={`/calendar?call=${encodeURIComponent(callId)}`} className={linkClass} data-testid="book-from-call-link">
          Book an appointment
        </Link>
      </Card>
    );
  }
  return (
    <Card title="Booked during this call" className={className} data-testid="call-appointment">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-900">{appointment.title}</p>
        <Badge tone={statusTone(appointment.status === "no_show" ? "no-show" : appointment.status)}>
          {STATUS_TEXT[appointment.status]}
        </Badge>
      </div>
      <p className="mt-1 text-sm text-slate-700">{formatSlot(appointment.startAt, appointment.endAt, appointment.timezone)}</p>
      {appointment.location ? <p className="mt-1 text-sm text-slate-500">{appointment.location}</p> : null}
      <Link href={`/calendar?booking=${encodeURIComponent(appointment.id)}&date=${appointment.startAt.slice(0, 10)}`} className={linkClass}>
        Open in the calendar
      </Link>
    </Card>
  );
}
