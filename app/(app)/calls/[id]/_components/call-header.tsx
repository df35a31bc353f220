import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { CallDetail } from "@/lib/services/calls/schemas";
import { DIRECTION_LABELS, formatDuration, formatPhone, otherParty, SENTIMENT_LABELS, STATUS_LABELS } from "../../_components/call-labels";
import { describeDisconnection, formatInstant } from "./format-call-time";

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** Who, which way, how it went, when and for how long. */
export function CallHeader({ call, timeZone }: { call: CallDetail; timeZone: string }) {
  const party = call.customer?.name ?? formatPhone(otherParty(call));
  const status = STATUS_LABELS[call.status];
  return (
    <section aria-labelledby="call-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 id="call-title" className="text-xl font-semibold tracking-tight" data-testid="call-title">
          {call.direction === "inbound" ? "Call from" : "Call to"} {party}
        </h1>
        <div className="flex flex-wrap gap-1.5">
          <Badge tone="neutral">{DIRECTION_LABELS[call.direction]}</Badge>
          <Badge tone={status.tone} dot={call.status === "ongoing"} data-testid="call-status">
            {status.label}
          </Badge>
          {call.status === "ended" ? (
            <Badge tone={call.answered ? "success" : "warning"}>{call.answered ? "Answered" : "Not answered"}</Badge>
          ) : null}
          {call.sentiment && call.sentiment !== "unknown" ? (
            <Badge tone={SENTIMENT_LABELS[call.sentiment].tone}>{SENTIMENT_LABELS[call.sentiment].label}</Badge>
          ) : null}
        </div>
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-6">
        <Fact label="Customer">{call.customer?.name ?? <span className="text-slate-500">Not a known customer</span>}</Fact>
        <Fact label="From" testId="call-from">
          {formatPhone(call.fromNumber)}
        </Fact>
        <Fact label="To">{formatPhone(call.toNumber)}</Fact>
        <Fact label="Started">
          <time dateTime={call.startedAt}>{formatInstant(call.startedAt, timeZone)}</time>
        </Fact>
        <Fact label="Duration">{call.durationSec === null ? "Still going" : formatDuration(call.durationSec)}</Fact>
        <Fact label="Ended because">{describeDisconnection(call.disconnectionReason) ?? "—"}</Fact>
      </dl>
    </section>
  );
}
