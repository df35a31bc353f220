"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { Select } from "@/components/ui/select";
import { Tabs } from "@/components/ui/tabs";
import { BookDialog } from "./book-dialog";
import { BookingSheet } from "./booking-sheet";
import { stepDate, timeFormat, todayIn, viewDays, viewTitle, type CalendarViewName } from "./calendar-dates";
import { DayList } from "./day-list";
import { MonthGrid } from "./month-grid";
import { useCalendar, useCalendarSummary } from "./use-appointments";
import { STATUS_FILTERS, useCalendarUrl, type StatusFilter } from "./use-calendar-url";
import { WeekGrid } from "./week-grid";

const STATUS_OPTIONS = [
  { value: "", label: "All statuses" },
  ...STATUS_FILTERS.map((s) => ({ value: s, label: s === "no_show" ? "No-show" : s[0]!.toUpperCase() + s.slice(1) })),
];

/** /calendar: view tabs, date navigation, status filter, the grid (or the day list on phones), the booking panel. */
export function CalendarView({ timeZone, canWrite }: { timeZone: string; canWrite: boolean }) {
  const url = useCalendarUrl(timeZone);
  const { view, date, status } = url;
  const days = viewDays(view, date);
  const month = view === "month";
  // The month view asks for counts and each day's first few; the week and day views for their bookings.
  const list = useCalendar(days[0]!, days[days.length - 1]!, status, !month);
  const summary = useCalendarSummary(days[0]!, days[days.length - 1]!, status, month);
  const cal = month ? summary : list;
  const [bookOpen, setBookOpen] = useState(false);
  const bookingOpen = bookOpen || (canWrite && (url.call !== null || url.customer !== null));
  const setBookingOpen = (open: boolean) => {
    setBookOpen(open);
    if (!open && (url.call || url.customer)) url.clearBookingFor();
  };
  const today = todayIn(timeZone);
  const time = timeFormat(timeZone);
  const items = month ? (summary.data?.data ?? []).flatMap((d) => d.first) : (list.data?.data ?? []);
  const totals = month ? new Map((summary.data?.data ?? []).map((d) => [d.date, d.total])) : undefined;
  const meta = cal.data?.meta;
  const ready = cal.isSuccess && !cal.isPlaceholderData;
  const openDay = (d: string) => {
    url.setDate(d);
    url.setView("day");
  };

  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">Calendar</h1>
          <p className="mt-1 text-sm text-slate-600">
            Bookings in {timeZone.replace(/_/g, " ")}.{" "}
            {meta?.businessHoursDefault
              ? "Business hours: weekdays 9–5 (default; set yours in Settings)."
              : "Shaded: outside business hours."}
          </p>
        </div>
        {canWrite ? (
          <Button variant="primary" onClick={() => setBookOpen(true)} data-testid="book-button">
            Book an appointment
          </Button>
        ) : null}
      </div>

      <Card padded>
        <div className="flex flex-wrap items-center gap-3">
          <Tabs<CalendarViewName>
            label="View"
            value={view}
            onValueChange={url.setView}
            items={[
              { value: "day", label: "Day" },
              { value: "week", label: "Week" },
              { value: "month", label: "Month" },
            ]}
          />
          <div className="flex items-center gap-1">
            <Button size="sm" onClick={() => url.setDate(stepDate(view, date, -1))} aria-label={`Previous ${view}`}>
              ‹
            </Button>
            <Button size="sm" onClick={() => url.setDate(today)}>
              Today
            </Button>
            <Button size="sm" onClick={() => url.setDate(stepDate(view, date, 1))} aria-label={`Next ${view}`}>
              ›
            </Button>
          </div>
          <h2
            className="order-first min-w-0 basis-full text-base font-semibold text-slate-900 md:order-none md:flex-1 md:basis-auto"
            aria-live="polite"
            data-testid="calendar-title"
          >
            {viewTitle(view, date)}
          </h2>
          <Select
            label="Status"
            hideLabel
            value={status ?? ""}
            onValueChange={(v) => url.setStatus(v ? (v as StatusFilter) : null)}
            options={STATUS_OPTIONS}
            className="w-44"
          />
        </div>
      </Card>

      <Card
        padded
        data-testid="calendar"
        data-state={ready ? "ready" : cal.isError ? "error" : "loading"}
        aria-busy={!ready}
        aria-label="Bookings"
      >
        {cal.isError && !cal.data ? (
          <ErrorState error={cal.error} subject="The calendar" onRetry={() => void cal.refetch()} />
        ) : cal.isPending ? (
          <LoadingSkeleton label="Loading bookings…" count={6} />
        ) : (
          <>
            {!month && list.data?.meta?.truncated ? (
              <p role="status" className="mb-2 text-sm text-amber-800">
                More bookings than we can show at once: switch to the week view.
              </p>
            ) : null}
            {view === "day" ? (
              <DayList days={days} items={items} timeZone={timeZone} time={time} onOpen={url.openBooking} />
            ) : (
              <>
                <div className="hidden md:block">
                  {view === "week" ? (
                    <WeekGrid
                      days={days}
                      items={items}
                      meta={meta}
                      timeZone={timeZone}
                      today={today}
                      time={time}
                      onOpen={url.openBooking}
                    />
                  ) : (
                    <MonthGrid
                      days={days}
                      month={date}
                      summary={summary.data?.data ?? []}
                      meta={meta}
                      today={today}
                      time={time}
                      onOpen={url.openBooking}
                      onOpenDay={openDay}
                    />
                  )}
                </div>
                <div className="md:hidden">
                  <DayList
                    days={days}
                    items={items}
                    timeZone={timeZone}
                    time={time}
                    onOpen={url.openBooking}
                    totals={totals}
                    onOpenDay={openDay}
                  />
                </div>
              </>
            )}
          </>
        )}
      </Card>

      <BookingSheet
        id={url.booking}
        onClose={() => url.openBooking(null)}
        onOpen={url.openBooking}
        timeZone={timeZone}
        canWrite={canWrite}
      />
      {canWrite && bookingOpen ? (
        <BookDialog
          open
          onOpenChange={setBookingOpen}
          timeZone={timeZone}
          from={date < today ? today : date}
          callId={url.call}
          customerId={url.customer}
          onBooked={url.openBooking}
        />
      ) : null}
    </div>
  );
}
