"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { apiFetch } from "@/components/data/api-fetch";
import { pollEvery } from "@/components/data/retry-policy";
import type { ReportKind } from "@/lib/services/analytics/schemas";
import type { ExportView } from "@/lib/services/exports/schemas";

const finished = (job: ExportView | undefined) => job?.status === "done" || job?.status === "failed";

/** 1 s, 2 s, 4 s, then every 8 s: a report of a few hundred rows is ready on the first or second look. */
const backoff = (polls: number) => Math.min(1_000 * 2 ** polls, 8_000);

/**
 * A CSV report: POST /api/v1/analytics/reports (with an Idempotency-Key kept until the POST succeeds,
 * as the calls export does), then GET /api/v1/exports/{id} with backoff until it is done or failed.
 */
export function useReportJob() {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const idempotencyKey = useRef<string | null>(null);
  const polls = useRef(0);

  const start = useMutation({
    mutationFn: (report: { kind: ReportKind; from: string; to: string }) => {
      idempotencyKey.current ??= crypto.randomUUID();
      return apiFetch<ExportView>("/api/v1/analytics/reports", {
        method: "POST",
        json: report,
        headers: { "idempotency-key": idempotencyKey.current },
      });
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
    refetchInterval: (query) => (finished(query.state.data) ? false : pollEvery(backoff(polls.current))(query)),
  });

  return {
    start: start.mutate,
    starting: start.isPending,
    startError: start.error,
    job: jobId ? job.data : undefined,
    pollError: jobId ? job.error : null,
    reset: () => {
      start.reset();
      setJobId(null);
    },
  };
}
