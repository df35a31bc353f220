"use client";

import { useExportJob } from "@/components/data/use-export-job";
import type { CallFilterValues } from "./use-calls-url";

const POLL_MS = 1_000;
const everySecond = () => POLL_MS;

/** A CSV export of the calls matching `filters`: POST /api/v1/calls/export, then its progress every second. */
export function useCallsExport(filters: CallFilterValues) {
  const job = useExportJob<CallFilterValues>("/api/v1/calls/export", everySecond);
  return { ...job, start: () => job.start(filters) };
}
