"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import type { AppointmentDetail, AppointmentView, CalendarDay, CalendarItem } from "@/lib/services/appointments/schemas";
import { addDays } from "@/lib/time/add-days";

export interface CalendarMeta {
  from: string;
  to: string;
  timezone: string;
  businessHours: Partial<Record<string, Array<{ open: string; close: string }>>>;
  businessHoursDefault: boolean;
  /** Only the full list says it (the summary never truncates). */
  truncated?: boolean;
}

export interface SlotsMeta {
  stale: boolean;
  timezone: string;
}

export interface CustomerPick {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
}

/** The bookings of the days shown (first to last local day, included): the week and day views. */
export function useCalendar(first: string, last: string, status: string | null, enabled = true) {
  return useQuery({
    queryKey: ["appointments", "calendar", first, last, status] as const,
    queryFn: ({ signal }) =>
      apiFetchEnvelope<CalendarItem[], CalendarMeta>("/api/v1/appointments", { signal, query: { from: first, to: last, status } }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled,
  });
}

/** How many bookings the month view shows per day before "+n more". */
export const MONTH_PER_DAY = 3;

/** The month view: each day's bookings counted, and its first few (not every booking of the month). */
export function useCalendarSummary(first: string, last: string, status: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ["appointments", "summary", first, last, status] as const,
    queryFn: ({ signal }) =>
      apiFetchEnvelope<CalendarDay[], CalendarMeta>("/api/v1/appointments/summary", {
        signal,
        query: { from: first, to: last, status, perDay: MONTH_PER_DAY },
      }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled,
  });
}

export function useAppointment(id: string | null) {
  return useQuery({
    queryKey: ["appointments", "detail", id] as const,
    queryFn: ({ signal }) => apiFetchEnvelope<AppointmentDetail>(`/api/v1/appointments/${id}`, { signal }),
    enabled: id !== null,
  });
}

/** Free slots of `days` local days from `from`; Cal.com's last answer is marked `meta.stale`. */
export function useSlots(from: string, days: number, enabled: boolean) {
  return useQuery({
    queryKey: ["appointments", "slots", from, days] as const,
    queryFn: ({ signal }) =>
      apiFetchEnvelope<Array<{ start: string }>, SlotsMeta>("/api/v1/appointments/slots", {
        signal,
        query: { from, to: addDays(from, days - 1) },
      }),
    enabled,
    staleTime: 60_000,
  });
}

export function useCustomerLookup(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ["appointments", "customer-lookup", term] as const,
    queryFn: ({ signal }) => apiFetchEnvelope<CustomerPick[]>("/api/v1/appointments/customer-lookup", { signal, query: { q: term } }),
    enabled: term.length >= 3,
    staleTime: 30_000,
  });
}

/** A write to a booking; on success the calendar, the booking and the dashboard are read again. */
function useAppointmentWrite<V>(fn: (v: V) => Promise<AppointmentView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: ["appointments"] }), qc.invalidateQueries({ queryKey: ["dashboard"] })]);
    },
  });
}

const send = (path: string, method: string, json: unknown, headers?: Record<string, string>) =>
  apiFetchEnvelope<AppointmentView>(path, { method, json, headers }).then((r) => r.data);

/** The call a booking is made for (its customer and time). */
export function useCall(id: string | null) {
  return useQuery({
    queryKey: ["calls", "detail", id] as const,
    queryFn: ({ signal }) =>
      apiFetchEnvelope<{ id: string; startedAt: string; customer: { id: string; name: string; phone: string | null } | null }>(
        `/api/v1/calls/${id}`,
        { signal, query: { fields: "id,startedAt,customer" } },
      ),
    enabled: id !== null,
  });
}

/** A customer to book for (?customer= from the customer page): the profile, kept to name and contacts. */
export function useCustomerPick(id: string | null) {
  return useQuery({
    queryKey: ["customers", "pick", id] as const,
    queryFn: ({ signal }) =>
      apiFetchEnvelope<CustomerPick>(`/api/v1/customers/${encodeURIComponent(id!)}`, { signal }).then((r) => ({
        ...r,
        data: { id: r.data.id, name: r.data.name, phone: r.data.phone, email: r.data.email },
      })),
    enabled: id !== null,
    staleTime: 60_000,
    retry: false,
  });
}

export interface BookInput {
  start: string;
  callId?: string;
  customerId?: string;
  customer?: { name: string; email: string; phone?: string };
  notes?: string;
  idempotencyKey: string;
}

export const useBook = () =>
  useAppointmentWrite(({ idempotencyKey, ...body }: BookInput) =>
    send("/api/v1/appointments", "POST", body, { "idempotency-key": idempotencyKey }),
  );
export const useReschedule = () =>
  useAppointmentWrite(({ id, start }: { id: string; start: string }) => send(`/api/v1/appointments/${id}/reschedule`, "POST", { start }));
export const useCancel = () =>
  useAppointmentWrite(({ id, reason }: { id: string; reason: string }) => send(`/api/v1/appointments/${id}/cancel`, "POST", { reason }));
export const useSetStatus = () =>
  useAppointmentWrite(({ id, status }: { id: string; status: string }) => send(`/api/v1/appointments/${id}`, "PATCH", { status }));
