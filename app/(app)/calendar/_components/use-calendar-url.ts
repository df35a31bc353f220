"use client";

import { parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { useMemo } from "react";
import type { CalendarViewName } from "./calendar-dates";
import { todayIn } from "./calendar-dates";

export const VIEWS = ["week", "month", "day"] as const satisfies readonly CalendarViewName[];
export const STATUS_FILTERS = ["scheduled", "confirmed", "completed", "no_show", "cancelled"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar's URL state (nuqs): ?view=week|month|day&date=YYYY-MM-DD&status=…&booking=<id>&call=<id>&customer=<id>. */
export function useCalendarUrl(timeZone: string) {
  const [state, set] = useQueryStates(
    {
      view: parseAsStringLiteral(VIEWS).withDefault("week"),
      date: parseAsString,
      status: parseAsStringLiteral(STATUS_FILTERS),
      booking: parseAsString,
      /** A call to book for (from the call page): opens the booking dialog with the call as its source. */
      call: parseAsString,
      /** A customer to book for (from the customer page): opens the booking dialog with them picked. */
      customer: parseAsString,
    },
    { history: "push" },
  );
  const date = useMemo(() => (state.date && DAY.test(state.date) ? state.date : todayIn(timeZone)), [state.date, timeZone]);
  return {
    view: state.view,
    date,
    status: state.status,
    booking: state.booking,
    call: state.call,
    customer: state.customer,
    /** Drops ?call= and ?customer= once their booking dialog closes. */
    clearBookingFor: () => void set({ call: null, customer: null }, { history: "replace" }),
    setView: (view: CalendarViewName) => void set({ view }),
    setDate: (d: string) => void set({ date: d }),
    setStatus: (status: StatusFilter | null) => void set({ status }),
    openBooking: (booking: string | null) => void set({ booking }, { history: booking ? "push" : "replace" }),
  };
}
