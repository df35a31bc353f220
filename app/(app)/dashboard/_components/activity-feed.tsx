"use client";

import { formatDistanceStrict } from "date-fns";
import Link from "next/link";
import { useNow } from "@/components/hooks/use-now";
import { Badge, statusTone, type BadgeTone } from "@/components/ui/badge";
import type { ActivityItem } from "@/lib/services/dashboard/schemas";
import { ActivityIcon } from "./activity-icon";
import { formatDuration } from "./format";

type CallItem = Extract<ActivityItem, { kind: "call" }>;
type AppointmentItem = Extract<ActivityItem, { kind: "appointment" }>;
type EmailItem = Extract<ActivityItem, { kind: "email" }>;

const EMAIL_EVENTS: Record<EmailItem["event"], { text: string; tone: BadgeTone }> = {
  processed: { text: "Email sent to", tone: "neutral" },
  delivered: { text: "Email delivered to", tone: "success" },
  open: { text: "Email opened by", tone: "success" },
  click: { text: "Email link clicked by", tone: "success" },
  bounce: { text: "Email bounced for", tone: "danger" },
  dropped: { text: "Email dropped for", tone: "danger" },
  deferred: { text: "Email delayed for", tone: "warning" },
  spamreport: { text: "Email marked as spam by", tone: "danger" },
  unsubscribe: { text: "Unsubscribed:", tone: "warning" },
};

function callOutcome(c: CallItem): { label: string; tone: BadgeTone } {
  if (c.status === "ongoing") return { label: "Live", tone: "info" };
  if (c.status === "registered") return { label: "Ringing", tone: "info" };
  if (c.status === "error") return { label: "Failed", tone: "danger" };
  return c.answered ? { label: "Answered", tone: "success" } : { label: "Not answered", tone: "warning" };
}

const LINK = "font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600";

function CallLine({ item }: { item: CallItem }) {
  const outcome = callOutcome(item);
  const who = item.customer?.name ?? item.phone ?? "Unknown number";
  return (
    <>
      <p className="text-sm text-slate-700">
        <Link href={`/calls/${item.id}`} className={LINK}>
          {item.direction === "inbound" ? "Call from" : "Call to"} {who}
        </Link>
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
        <Badge tone={outcome.tone}>{outcome.label}</Badge>
        {item.durationSec !== null && item.status === "ended" ? <span>{formatDuration(item.durationSec)}</span> : null}
        {item.sentiment && item.sentiment !== "unknown" ? <span className="capitalize">{item.sentiment}</span> : null}
      </div>
      {item.summary ? <p className="mt-1 line-clamp-2 text-xs text-slate-500">{item.summary}</p> : null}
    </>
  );
}

const APPOINTMENT_STATUS: Record<AppointmentItem["status"], string> = {
  scheduled: "Scheduled",
  confirmed: "Confirmed",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};

function AppointmentLine({ item, timeZone }: { item: AppointmentItem; timeZone?: string }) {
  const when = new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(
    new Date(item.startAt),
  );
  // Titles often name the customer already ("Cleaning — Robert Thomas").
  const forWhom = item.customer && !item.title.includes(item.customer.name) ? ` for ${item.customer.name}` : "";
  return (
    <>
      <p className="text-sm text-slate-700">
        Booked <span className="font-medium text-slate-900">{item.title}</span>
        {forWhom}
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
        <Badge tone={statusTone(item.status === "no_show" ? "no-show" : item.status)}>{APPOINTMENT_STATUS[item.status]}</Badge>
        <span>{when}</span>
        {item.sourceCallId ? (
          <Link
            href={`/calls/${item.sourceCallId}`}
            className="text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            from this call
          </Link>
        ) : null}
      </div>
    </>
  );
}

function EmailLine({ item }: { item: EmailItem }) {
  const e = EMAIL_EVENTS[item.event];
  return (
    <>
      <p className="text-sm text-slate-700">
        {e.text}{" "}
        <span className={item.customer ? "font-medium text-slate-900" : "font-medium break-all text-slate-900"}>
          {item.customer?.name ?? item.email}
        </span>
      </p>
      {item.customer ? <p className="mt-1 text-xs break-all text-slate-500">{item.email}</p> : null}
    </>
  );
}

/** "5 min ago" once the clock is known (client only); the exact time in the tooltip. */
function When({ at, now }: { at: string; now: number | null }) {
  const exact = new Date(at);
  return (
    <time dateTime={at} title={exact.toLocaleString()} className="shrink-0 text-xs whitespace-nowrap text-slate-500">
      {now === null ? "" : formatDistanceStrict(exact, Math.max(now, exact.getTime()), { addSuffix: true })}
    </time>
  );
}

/**
 * The newest calls, bookings and emails, newest first. Beside the chart (wide screens) the list
 * scrolls within a fixed height instead of stretching the row; it is focusable so keyboards can scroll it.
 */
export function ActivityFeed({ items, timeZone }: { items: readonly ActivityItem[]; timeZone?: string }) {
  const now = useNow(30_000);
  return (
    <ol
      tabIndex={0}
      aria-label="Recent activity"
      className="divide-y divide-slate-100 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 xl:max-h-[22rem] xl:overflow-y-auto"
      data-testid="activity-feed"
    >
      {items.map((item) => (
        <li key={`${item.kind}:${item.id}`} data-kind={item.kind} data-testid="activity-item" className="flex gap-3 px-4 py-3">
          <ActivityIcon kind={item.kind} />
          <div className="min-w-0 flex-1">
            {item.kind === "call" ? (
              <CallLine item={item} />
            ) : item.kind === "appointment" ? (
              <AppointmentLine item={item} timeZone={timeZone} />
            ) : (
              <EmailLine item={item} />
            )}
          </div>
          <When at={item.at} now={now} />
        </li>
      ))}
    </ol>
  );
}
