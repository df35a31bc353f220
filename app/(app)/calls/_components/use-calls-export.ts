"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { apiFetch } from "@/components/data/api-fetch";
import { pollEvery } from "@/components/data/retry-policy";
import type { ExportView } from "@/lib/services/exports/schemas";
import type { CallFilterValues } from "./use-calls-url";

const POLL_MS = 1_000;

const finished = (job: ExportView | undefined) => job?.status === "done" || job?.status === "failed";

function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * A CSV export of the calls matching `filters`: POST /api/v1/calls/export (with an Idempotency-Key,
 * kept until the POST succeeds so "Try again" after a lost answer cannot queue a second export),
 * then GET /api/v1/exports/{id} every second until it is done or failed.
 */
export function useCallsExport(filters: CallFilterValues) {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const idempotencyKey = useRef<string | null>(null);

  const start = useMutation({
    mutationFn: () => {
      idempotencyKey.current ??= newIdempotencyKey();
      return apiFetch<ExportView>("/api/v1/calls/export", {
        method: "POST",
        json: filters,
        headers: { "idempotency-key": idempotencyKey.current },
      });
    },
    onSuccess: (job) => {
      idempotencyKey.current = null;
      queryClient.setQueryData(["exports", job.id], job);
      setJobId(job.id);
    },
  });

  const job = useQuery({
    queryKey: ["exports", jobId],
    queryFn: ({ signal }) => apiFetch<ExportView>(`/api/v1/exports/${jobId}`, { signal, cache: "no-store" }),
    enabled: jobId !== null,
    staleTime: 0,
    refetchInterval: (query) => (finished(query.state.data) ? false : pollEvery(POLL_MS)(query)),
  });

  return {
    start: () => start.mutate(),
    starting: start.isPending,
    startError: start.error,
    job: jobId ? job.data : undefined,
    /** Polling failed (the job itself may be fine: 429/503 are waited out and retried). */
    pollError: jobId ? job.error : null,
    reset: () => {
      start.reset();
      setJobId(null);
    },
  };
}
