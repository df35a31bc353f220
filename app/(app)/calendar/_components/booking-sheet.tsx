"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/error-state";
import { notify } from "@/components/ui/notify";
import { SideSheet } from "@/components/ui/side-sheet";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { StatusBadge, statusLabel } from "@/components/ui/status-badge";
import { inputClass } from "@/components/forms/field";
import { localDateOf } from "./calendar-dates";
import { SlotPicker } from "./slot-picker";
import { useAppointment, useCancel, useReschedule, useSetStatus } from "./use-appointments";

const MOVE_LABEL: Record<string, string> = { confirmed: "Confirm", completed: "Mark completed", no_show: "Mark no-show" };

/** One booking beside the calendar: customer, source call, notes, and (for those allowed) its status actions. */
export function BookingSheet({
  id,
  onClose,
  onOpen,
  timeZone,
  canWrite,
}: {
  id: string | null;
  onClose: () => void;
  onOpen: (id: string) => void;
  timeZone: string;
  canWrite: boolean;
}) {
  const detail = useAppointment(id);
  const setStatus = useSetStatus();
  const cancel = useCancel();
  const reschedule = useReschedule();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [moveOpen, setMoveOpen] = useState(false);
  const [newStart, setNewStart] = useState<string | null>(null);
  const a = detail.data?.data;
  const when = (iso: string) => new Date(iso).toLocaleString("en-US", { timeZone, dateStyle: "full", timeStyle: "short" });

  const move = async (status: string) => {
    if (!a) return;
    try {
      await setStatus.mutateAsync({ id: a.id, status });
      notify.success(`Marked ${statusLabel(status).toLowerCase()}`);
    } catch (err) {
      notify.error(err, "Status change");
    }
  };
  const doCancel = async () => {
    if (!a || !reason.trim()) return;
    try {
      await cancel.mutateAsync({ id: a.id, reason: reason.trim() });
      notify.success("Booking cancelled");
      setCancelOpen(false);
      setReason("");
    } catch (err) {
      notify.error(err, "Cancelling");
    }
  };
  const doReschedule = async () => {
    if (!a || !newStart) return;
    try {
      const moved = await reschedule.mutateAsync({ id: a.id, start: newStart });
      notify.success("Rescheduled", { description: when(moved.startAt) });
      setMoveOpen(false);
      setNewStart(null);
      onOpen(moved.id);
    } catch (err) {
      notify.error(err, "Rescheduling");
    }
  };

  const statusMoves = (a?.allowedMoves ?? []).filter((m) => m !== "cancelled");
  const footer =
    canWrite && a && (statusMoves.length > 0 || a.canReschedule || a.allowedMoves.includes("cancelled")) ? (
      <>
        {statusMoves.map((m) => (
          <Button
            key={m}
            size="sm"
            variant={m === "no_show" ? "secondary" : "primary"}
            loading={setStatus.isPending}
            onClick={() => void move(m)}
          >
            {MOVE_LABEL[m] ?? statusLabel(m)}
          </Button>
        ))}
        {a.canReschedule ? (
          <Button size="sm" onClick={() => setMoveOpen(true)}>
            Reschedule
          </Button>
        ) : null}
        {a.allowedMoves.includes("cancelled") ? (
          <Button size="sm" variant="danger" onClick={() => setCancelOpen(true)}>
            Cancel booking
          </Button>
        ) : null}
      </>
    ) : undefined;

  return (
    <SideSheet
      open={id !== null}
      onOpenChange={(o) => (o ? undefined : onClose())}
      title={a ? (a.customer?.name ?? a.title) : "Booking"}
      description={a ? when(a.startAt) : undefined}
      footer={footer}
      data-testid="booking-sheet"
    >
      {detail.isPending ? (
        <LoadingSkeleton label="Loading the booking…" count={4} />
      ) : detail.isError ? (
        <ErrorState error={detail.error} subject="This booking" onRetry={() => void detail.refetch()} />
      ) : a ? (
        <dl className="space-y-4 text-sm">
          <div>
            <dt className="text-xs font-medium text-slate-500">Status</dt>
            <dd className="mt-1" data-testid="booking-status">
              <StatusBadge status={a.status} />
              {a.cancelReason ? <span className="ml-2 text-slate-600">{a.cancelReason}</span> : null}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-slate-500">What</dt>
            <dd className="mt-1 text-slate-900">
              {a.title}
              {a.location ? <span className="block text-slate-600">{a.location}</span> : null}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-slate-500">Customer</dt>
            <dd className="mt-1 text-slate-900">
              {a.customer ? (
                <>
                  <Link href={`/customers/${a.customer.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {a.customer.name}
                  </Link>
                  <span className="block text-slate-600">{[a.customer.phone, a.customer.email].filter(Boolean).join(" · ")}</span>
                </>
              ) : (
                "Unknown"
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-slate-500">Booked during</dt>
            <dd className="mt-1">
              {a.sourceCall ? (
                <Link
                  href={`/calls/${a.sourceCall.id}`}
                  className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  data-testid="source-call"
                >
                  The {a.sourceCall.direction} call of{" "}
                  {new Date(a.sourceCall.startedAt).toLocaleString("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" })} —
                  transcript
                </Link>
              ) : (
                <span className="text-slate-600">Booked outside a call</span>
              )}
              {a.sourceCall?.summary ? <p className="mt-1 text-slate-600">{a.sourceCall.summary}</p> : null}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-slate-500">Notes</dt>
            <dd className="mt-1 whitespace-pre-wrap text-slate-900">{a.notes || <span className="text-slate-500">None</span>}</dd>
          </div>
        </dl>
      ) : null}

      <ConfirmDialog
        open={cancelOpen}
        onOpenChange={setCancelOpen}
        title="Cancel this booking?"
        description="It is cancelled in Cal.com too, and cannot be undone. The customer is told by Cal.com."
        confirmLabel="Cancel booking"
        cancelLabel="Keep it"
        pending={cancel.isPending}
        confirmDisabled={!reason.trim()}
        onConfirm={() => void doCancel()}
      >
        <label htmlFor="cancel-reason" className="text-sm font-medium text-slate-700">
          Reason
        </label>
        <textarea id="cancel-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} className={`${inputClass} mt-1`} />
      </ConfirmDialog>

      <Dialog
        open={moveOpen}
        onOpenChange={setMoveOpen}
        title="Reschedule"
        description="Choose the new slot. The old time is cancelled and the customer keeps the booking."
        data-testid="reschedule-dialog"
        footer={
          <>
            <Button onClick={() => setMoveOpen(false)}>Back</Button>
            <Button variant="primary" disabled={!newStart} loading={reschedule.isPending} onClick={() => void doReschedule()}>
              Move booking
            </Button>
          </>
        }
      >
        {a ? <SlotPicker timeZone={timeZone} from={localDateOf(a.startAt, timeZone)} value={newStart} onChange={setNewStart} /> : null}
      </Dialog>
    </SideSheet>
  );
}
