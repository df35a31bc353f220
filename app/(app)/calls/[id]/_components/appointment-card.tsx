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

/** The appointment the agent booked during this call, in the attendee's own time zone. */
export function AppointmentCard({ appointment, className }: { appointment: Appointment | null; className?: string }) {
  if (!appointment) return null;
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
    </Card>
  );
}
