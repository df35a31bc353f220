"use client";

import { formatDistanceStrict } from "date-fns";
import { formatMs } from "@/components/charts/format";
import { useNow } from "@/components/hooks/use-now";
import { Badge, statusTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, type Column } from "@/components/ui/table";
import type { RegistrySnapshot } from "@/lib/registry/registry-snapshot";

type Service = RegistrySnapshot["services"][number];
type Instance = Service["instances"][number];

interface Row {
  service: Service;
  instance: Instance;
}

/** Platform view: which services run inside the app, and every remote instance with its health. */
export function RegistryPanel({ registry }: { registry: RegistrySnapshot | null }) {
  const now = useNow(5_000);
  if (!registry) {
    return (
      <Card title="Service registry">
        <p className="text-sm text-slate-500">The registry could not be read just now.</p>
      </Card>
    );
  }
  const local = registry.services.filter((s) => s.instances.length === 0);
  const rows: Row[] = registry.services.flatMap((service) => service.instances.map((instance) => ({ service, instance })));
  const columns: ReadonlyArray<Column<Row>> = [
    {
      key: "service",
      header: "Service",
      hideLabelWhenStacked: true,
      cell: (r) => (
        <>
          {r.service.name} <span className="text-xs font-normal text-slate-500">v{r.service.version}</span>
        </>
      ),
    },
    { key: "url", header: "Instance", cell: (r) => <span className="font-mono text-xs break-all">{r.instance.url}</span> },
    {
      key: "status",
      header: "Status",
      cell: (r) => (
        <Badge tone={statusTone(r.instance.status)} dot title={r.instance.lastError ?? undefined}>
          {r.instance.status}
        </Badge>
      ),
    },
    {
      key: "checked",
      header: "Last check",
      cell: (r) =>
        r.instance.lastCheckedAt && now !== null
          ? `${formatDistanceStrict(r.instance.lastCheckedAt, now, { addSuffix: true })}${r.instance.latencyMs !== null ? ` · ${formatMs(r.instance.latencyMs)}` : ""}`
          : "not yet",
    },
    { key: "error", header: "Last error", cell: (r) => r.instance.lastError ?? "—" },
  ];
  return (
    <Card
      title="Service registry"
      description={`Remote instances are checked every ${Math.round(registry.healthIntervalMs / 1000)} s; unhealthy ones are skipped`}
      padded={false}
    >
      {rows.length > 0 ? (
        <Table
          caption="Remote service instances"
          columns={columns}
          rows={rows}
          rowKey={(r) => `${r.service.name} ${r.instance.url}`}
          rowTestId={(r) => `registry-${r.service.name}`}
        />
      ) : (
        <p className="px-4 pt-4 text-sm text-slate-600">No remote instances: every service runs inside this app.</p>
      )}
      {local.length > 0 ? (
        <div className="px-4 py-4">
          <h3 className="text-xs font-medium text-slate-500">In process</h3>
          <ul className="mt-2 flex flex-wrap gap-2">
            {local.map((s) => (
              <li key={s.name} data-testid={`registry-${s.name}`} className="rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700">
                {s.name} <span className="text-slate-600">v{s.version}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
