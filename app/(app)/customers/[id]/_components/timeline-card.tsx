"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import type { TimelineItem } from "@/lib/services/customers/schemas";
import { TimelineIcon } from "./timeline-icon";

const PAGE_SIZE = 20;

const APPOINTMENT_STATUS: Record<Extract<TimelineItem, { kind: "appointment" }>["appointment"]["status"], string> = {
  scheduled: "scheduled",
  confirmed: "confirmed",
  completed: "completed",
  cancelled: "cancelled",
  no_show: "no-show",
};

const CALL_STATUS: Record<Extract<TimelineItem, { kind: "call" }>["call"]["status"], string> = {
  registered: "ringing",
  ongoing: "live now",
  ended: "ended",
  error: "failed",
};

const linkClass = "font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600";

function describe(item: TimelineItem, day: Intl.DateTimeFormat) {
  switch (item.kind) {
    case "call": {
      const c = item.call;
      const minutes = c.durationSec === null ? null : `${Math.max(1, Math.round(c.durationSec / 60))} min`;
      return {
        title: (
          <Link href={`/calls/${item.id}`} className={linkClass} data-testid="timeline-call-link">
            {c.direction === "inbound" ? "Called in" : "Called by the agent"}
          </Link>
        ),
        detail: [c.status === "ended" ? minutes : CALL_STATUS[c.status], c.summary].filter(Boolean).join(" · "),
      };
    }
    case "appointment": {
      const a = item.appointment;
      const date = day.format(new Date(a.startAt));
      return {
        title: (
          <Link href={`/calendar?view=day&date=${date}&booking=${item.id}`} className={linkClass} data-testid="timeline-booking-link">
            {a.title}
          </Link>
        ),
        detail: `Booking, ${APPOINTMENT_STATUS[a.status]}`,
      };
    }
    case "email":
      return { title: <span className="font-medium text-slate-900">Email {item.email.event}</span>, detail: item.email.to };
  }
}

/** The customer's calls, bookings and emails, newest first; "Show more" follows the API's one cursor. */
export function TimelineCard({ customerId, timeZone }: { customerId: string; timeZone: string }) {
  const timeline = useInfiniteQuery({
    queryKey: ["customers", "timeline", customerId] as const,
    queryFn: ({ pageParam, signal }) =>
      apiFetchEnvelope<TimelineItem[], { nextCursor: string | null }>(`/api/v1/customers/${customerId}/timeline`, {
        signal,
        query: { cursor: pageParam, limit: PAGE_SIZE },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.meta?.nextCursor ?? null,
  });
  const formats = useMemo(
    () => ({
      when: new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }),
      // en-CA formats a day as YYYY-MM-DD: the calendar's ?date=.
      day: new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }),
    }),
    [timeZone],
  );
  const items = timeline.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <Card title="Timeline" description="Calls, bookings and emails, newest first" data-testid="customer-timeline">
      {timeline.isPending ? (
        <LoadingSkeleton label="Loading the timeline…" count={5} />
      ) : timeline.isError && items.length === 0 ? (
        <LoadError error={timeline.error} subject="The timeline" onRetry={() => void timeline.refetch()} hasData={false} />
      ) : items.length === 0 ? (
        <EmptyState compact title="Nothing yet" description="Calls, bookings and emails with this customer will show up here." />
      ) : (
        <>
          <ol className="space-y-3">
            {items.map((item) => {
              const d = describe(item, formats.day);
              return (
                <li key={item.id} className="flex gap-3" data-testid="timeline-item" data-kind={item.kind}>
                  <TimelineIcon kind={item.kind} />
                  <div className="min-w-0 flex-1 text-sm">
                    <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                      {d.title}
                      <time dateTime={item.at} className="text-xs whitespace-nowrap text-slate-500">
                        {formats.when.format(new Date(item.at))}
                      </time>
                    </div>
                    {d.detail ? <p className="mt-0.5 line-clamp-2 text-slate-600">{d.detail}</p> : null}
                  </div>
                </li>
              );
            })}
          </ol>
          {timeline.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <Button onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage} data-testid="timeline-more">
                Show more
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
