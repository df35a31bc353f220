"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { MouseEvent, ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Table, type Column } from "@/components/ui/table";
import type { CallListItem } from "@/lib/services/calls/schemas";
import { callTimeFormat, DIRECTION_LABELS, formatDuration, formatPhone, otherParty, SENTIMENT_LABELS, STATUS_LABELS } from "./call-labels";

function DirectionArrow({ direction }: { direction: CallListItem["direction"] }) {
  // Inbound: an arrow coming in (down-left); outbound: going out (up-right).
  return (
    <svg
      viewBox="0 0 16 16"
      className="h-3.5 w-3.5 text-slate-400"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
    >
      {direction === "inbound" ? <path d="M12 4 4 12m0-6v6h6" /> : <path d="m4 12 8-8m0 6V4H6" />}
    </svg>
  );
}

function columns(timeFormat: Intl.DateTimeFormat): ReadonlyArray<Column<CallListItem>> {
  return [
    {
      key: "time",
      header: "Time",
      hideLabelWhenStacked: true,
      cell: (c) => (
        <Link
          href={`/calls/${c.id}`}
          className="font-medium whitespace-nowrap text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
          data-testid="call-link"
        >
          <time dateTime={c.startedAt}>{timeFormat.format(new Date(c.startedAt))}</time>
        </Link>
      ),
    },
    {
      key: "direction",
      header: "Direction",
      cell: (c) => (
        <span className="inline-flex items-center gap-1" data-testid="call-direction" data-value={c.direction}>
          <DirectionArrow direction={c.direction} />
          {DIRECTION_LABELS[c.direction]}
        </span>
      ),
    },
    {
      key: "party",
      header: "Customer / number",
      cell: (c) => (
        <span className="flex flex-col sm:items-start">
          <span className="text-slate-900">{c.customer?.name ?? formatPhone(otherParty(c))}</span>
          {c.customer ? <span className="text-xs text-slate-500">{formatPhone(otherParty(c))}</span> : null}
        </span>
      ),
    },
    {
      key: "status",
      header: "Status",
      cell: (c) => (
        <Badge tone={STATUS_LABELS[c.status].tone} dot={c.status === "ongoing"} data-testid="call-status" data-value={c.status}>
          {STATUS_LABELS[c.status].label}
        </Badge>
      ),
    },
    {
      key: "duration",
      header: "Duration",
      align: "right",
      cell: (c) => <span className="whitespace-nowrap tabular-nums">{formatDuration(c.durationSec)}</span>,
    },
    {
      key: "sentiment",
      header: "Sentiment",
      cell: (c) =>
        c.sentiment ? (
          <Badge tone={SENTIMENT_LABELS[c.sentiment].tone} data-testid="call-sentiment" data-value={c.sentiment}>
            {SENTIMENT_LABELS[c.sentiment].label}
          </Badge>
        ) : (
          <span className="text-slate-400">—</span>
        ),
    },
    {
      key: "answered",
      header: "Answered",
      cell: (c) => (
        <span
          data-testid="call-answered"
          data-value={String(c.answered)}
          className={c.answered ? "font-medium text-emerald-700" : "text-slate-500"}
        >
          {c.answered ? "Yes" : "No"}
        </span>
      ),
    },
  ];
}

/**
 * The calls as a table (cards on phones, from the kit's Table). A click anywhere on a row opens the
 * call, like the link in its first cell (which keyboards and screen readers use); Ctrl/⌘-click
 * opens it in a new tab.
 */
export function CallsTable({ calls, timeZone, empty }: { calls: readonly CallListItem[]; timeZone: string; empty: ReactNode }) {
  const router = useRouter();

  function openRow(e: MouseEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    if (target.closest("a, button, input, select, label")) return;
    // Selecting text in a row is not a click on it.
    if (window.getSelection()?.toString()) return;
    const href = target.closest("tr")?.querySelector<HTMLAnchorElement>("a[data-testid='call-link']")?.getAttribute("href");
    if (!href) return;
    if (e.metaKey || e.ctrlKey) window.open(href, "_blank", "noopener");
    else router.push(href);
  }

  return (
    // The row's link is the keyboard path; this handler only widens the mouse target to the whole row.
    <div onClick={openRow} className="[&_tbody_tr]:cursor-pointer [&_tbody_tr:hover]:bg-slate-50">
      <Table
        caption="Calls, newest first"
        columns={columns(callTimeFormat(timeZone))}
        rows={calls}
        rowKey={(c) => c.id}
        rowTestId={() => "call-row"}
        empty={empty}
      />
    </div>
  );
}
