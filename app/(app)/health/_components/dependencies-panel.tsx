import { formatNumber } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { DependencyStatus } from "@/lib/health/check-ready";
import type { QueueHealth } from "@/lib/jobs/queue-health";

const NAMES: Record<string, string> = { mysql: "MySQL", redis: "Redis", queue: "Job queue" };
/** Job states worth a column; the rest (completed, paused, prioritized) are noise here. */
const STATES = ["waiting", "active", "delayed", "failed"] as const;

const age = (ms: number | null) => (ms === null ? "never" : ms < 1_500 ? "just now" : `${Math.round(ms / 1000)} s ago`);

export interface DependenciesPanelProps {
  /** MySQL, Redis and the queue as readiness sees them; null while unknown. */
  checks: DependencyStatus[] | null;
  /** The queue in detail (platform view). */
  queue?: QueueHealth | null;
}

/** What the app stands on: each dependency up or down with its probe time, and the job queue's depth and workers. */
export function DependenciesPanel({ checks, queue }: DependenciesPanelProps) {
  return (
    <Card title="Dependencies" description="Checked at most every 5 s">
      {checks === null ? (
        <div className="space-y-2" role="status">
          <span className="sr-only">Checking dependencies…</span>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-8" />
          ))}
        </div>
      ) : (
        <ul className="divide-y divide-slate-100">
          {checks.map((c) => (
            <li
              key={c.name}
              data-testid={`dependency-${c.name}`}
              data-ok={c.ok}
              className="flex items-center justify-between gap-3 py-2 first:pt-0 last:pb-0"
            >
              <div className="min-w-0">
                <p className="text-sm font-medium">{NAMES[c.name] ?? c.name}</p>
                <p className="truncate text-xs text-slate-500">
                  {c.ok ? (c.latencyMs > 0 ? `answered in ${c.latencyMs} ms` : "answering") : (c.reason ?? "not answering")}
                </p>
              </div>
              <Badge tone={c.ok ? "success" : "danger"} dot>
                {c.ok ? "OK" : "Down"}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      {queue ? <QueueDetails queue={queue} /> : null}
    </Card>
  );
}

function QueueDetails({ queue }: { queue: QueueHealth }) {
  const stats = [
    { label: "Outbox", value: formatNumber(queue.outbox), testId: "queue-outbox", warn: false },
    { label: "Dead letters", value: formatNumber(queue.deadLetters), testId: "queue-dead-letters", warn: queue.deadLetters > 0 },
    { label: "Heartbeat", value: age(queue.heartbeatAgeMs), testId: "queue-heartbeat", warn: !queue.ok },
    { label: "Workers", value: formatNumber(queue.workers.filter((w) => !w.stale).length), testId: "queue-workers", warn: false },
  ];
  const queues = Object.entries(queue.queues);
  return (
    <div className="mt-4 border-t border-slate-100 pt-3">
      <h3 className="text-xs font-medium text-slate-500">Job queue</h3>
      <dl className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg bg-slate-50 px-3 py-2">
            <dt className="text-xs text-slate-500">{s.label}</dt>
            <dd data-testid={s.testId} className={s.warn ? "font-medium text-amber-700" : "font-medium"}>
              {s.value}
            </dd>
          </div>
        ))}
      </dl>
      {queues.length > 0 ? (
        <table className="mt-3 w-full text-xs tabular-nums">
          <caption className="sr-only">Jobs per queue, from the latest worker heartbeat</caption>
          <thead>
            <tr className="text-slate-500">
              <th scope="col" className="py-1 text-left font-medium">
                Queue
              </th>
              {STATES.map((s) => (
                <th key={s} scope="col" className="py-1 text-right font-medium">
                  {s}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {queues.map(([name, counts]) => (
              <tr key={name}>
                <th scope="row" className="py-1 text-left font-medium text-slate-800">
                  {name}
                </th>
                {STATES.map((s) => (
                  <td
                    key={s}
                    className={s === "failed" && (counts?.[s] ?? 0) > 0 ? "py-1 text-right text-red-600" : "py-1 text-right text-slate-600"}
                  >
                    {formatNumber(counts?.[s] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
