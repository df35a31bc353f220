import { formatNumber, formatPercent } from "@/components/charts/format";
import { Card } from "@/components/ui/card";
import { Table, type Column } from "@/components/ui/table";
import type { CacheSummary } from "@/lib/metrics/summarize-live";

interface Row {
  resource: string;
  hit: number;
  stale: number;
  miss: number;
}

const ratio = (r: Row) => (r.hit + r.stale + r.miss === 0 ? "—" : formatPercent((r.hit + r.stale) / (r.hit + r.stale + r.miss), 0));

const COLUMNS: ReadonlyArray<Column<Row>> = [
  { key: "resource", header: "Resource", cell: (r) => r.resource, hideLabelWhenStacked: true },
  { key: "hit", header: "Hits", cell: (r) => formatNumber(r.hit + r.stale), align: "right" },
  { key: "miss", header: "Misses", cell: (r) => formatNumber(r.miss), align: "right" },
  { key: "ratio", header: "Hit ratio", cell: ratio, align: "right" },
];

/** Platform view: cache lookups in the last minute, overall and per resource (hits count stale answers). */
export function CachePanel({ cache, className }: { cache: CacheSummary | null; className?: string }) {
  const rows: Row[] = cache
    ? Object.entries(cache.byResource)
        .map(([resource, r]) => ({ resource, hit: r.hit ?? 0, stale: r.stale ?? 0, miss: r.miss ?? 0 }))
        .sort((a, b) => b.hit + b.stale + b.miss - (a.hit + a.stale + a.miss))
    : [];
  return (
    <Card
      title="Cache"
      description={
        cache
          ? `Last 60 s · ${formatNumber(cache.hits)} hits, ${formatNumber(cache.stale)} stale, ${formatNumber(cache.misses)} misses, ${formatNumber(cache.bypass)} bypassed`
          : "Not readable just now"
      }
      padded={false}
      className={className}
    >
      <Table
        caption="Cache lookups by resource, last 60 seconds"
        columns={COLUMNS}
        rows={rows}
        rowKey={(r) => r.resource}
        empty={<p className="px-4 py-6 text-center text-sm text-slate-500">No cache lookups in the last minute.</p>}
      />
    </Card>
  );
}
