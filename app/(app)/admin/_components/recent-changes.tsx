"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/components/data/api-fetch";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import type { AdminAuditEntry } from "@/lib/services/admin/schemas";
import { AuditTable } from "./audit-table";

/** The company's last five audited changes, with a link to its whole log. */
export function RecentChanges({ companyId }: { companyId: string }) {
  const log = useQuery({
    queryKey: ["admin", "audit", companyId, null, null, null, "recent"] as const,
    queryFn: ({ signal }) => apiFetch<AdminAuditEntry[]>("/api/v1/admin/audit-log", { signal, query: { companyId, limit: 5 } }),
  });
  return (
    <Card
      title="Recent changes"
      padded={false}
      data-testid="recent-changes"
      actions={
        <Link
          href={`/admin/audit?companyId=${companyId}`}
          className="text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          Whole audit log
        </Link>
      }
    >
      {log.isPending ? (
        <LoadingSkeleton label="Loading recent changes…" count={3} className="p-4" />
      ) : log.isError ? (
        <div className="p-4">
          <LoadError error={log.error} subject="Recent changes" onRetry={() => void log.refetch()} hasData={false} />
        </div>
      ) : (
        <AuditTable
          entries={log.data}
          showCompany={false}
          empty={
            <EmptyState compact className="m-4" title="No changes yet" description="Tier, limit and suspension changes appear here." />
          }
        />
      )}
    </Card>
  );
}
