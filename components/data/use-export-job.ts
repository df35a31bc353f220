"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { apiFetch } from "@/components/data/api-fetch";
import { pollEvery } from "@/components/data/retry-policy";
import type { ExportView } from "@/lib/services/exports/schemas";

const finished = (job: ExportView | undefined) => job?.status === "done" || job?.status === "failed";

function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * A CSV job: POST `path` with the body (and an Idempotency-Key, kept until the POST succeeds so "Try
 * again" after a lost answer cannot queue a second job), then GET /api/v1/exports/{id} until it is
 * done or failed, `delayMs(polls so far)` apart (429/503 waited out by pollEvery). Used by the calls
 * export and the analytics reports.
 */
export function useExportJob<B>(path: string, delayMs: (polls: number) => number) {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const idempotencyKey = useRef<string | null>(null);
  const polls = useRef(0);

  const start = useMutation({
    mutationFn: (body: B) => {
      idempotencyKey.current ??= newIdempotencyKey();
      return apiFetch<ExportView>(path, { method: "POST", json: body, headers: { "idempotency-key": idempotencyKey.current } });
    },
    onSuccess: (job) => {
      idempotencyKey.current = null;
      polls.current = 0;
      queryClient.setQueryData(["exports", job.id], job);
      setJobId(job.id);
    },
  });

  const job = useQuery({
    queryKey: ["exports", jobId],
    queryFn: ({ signal }) => {
      polls.current += 1;
      return apiFetch<ExportView>(`/api/v1/exports/${jobId}`, { signal, cache: "no-store" });
    },
    enabled: jobId !== null,
    staleTime: 0,
    refetchOnWindowFocus: false,
    refetchInterval: (query) => (finished(query.state.data) ? false : pollEvery(delayMs(polls.current))(query)),
  });

  return {
    start: (body: B) => start.mutate(body),
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
