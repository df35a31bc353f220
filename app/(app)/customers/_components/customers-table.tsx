import Link from "next/link";
import type { ReactNode } from "react";
import { Table, type Column } from "@/components/ui/table";
import { formatPhone } from "@/lib/phone/format-phone";
import type { CustomerView } from "@/lib/services/customers/schemas";

const since = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

const COLUMNS: ReadonlyArray<Column<CustomerView>> = [
  {
    key: "name",
    header: "Name",
    hideLabelWhenStacked: true,
    cell: (c) => (
      <Link
        href={`/customers/${c.id}`}
        className="font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
        data-testid="customer-link"
      >
        {c.name}
      </Link>
    ),
  },
  { key: "phone", header: "Phone", cell: (c) => <span className="whitespace-nowrap">{c.phone ? formatPhone(c.phone) : "—"}</span> },
  { key: "email", header: "Email", cell: (c) => <span className="break-all">{c.email ?? "—"}</span> },
  {
    key: "tags",
    header: "Tags",
    cell: (c) =>
      c.tags.length ? (
        <span className="flex flex-wrap justify-end gap-1 sm:justify-start">
          {c.tags.map((t) => (
            <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
              {t}
            </span>
          ))}
        </span>
      ) : (
        "—"
      ),
  },
  { key: "since", header: "Customer since", cell: (c) => <time dateTime={c.createdAt}>{since.format(new Date(c.createdAt))}</time> },
];

/** The customer list: a real table on wide screens, stacked cards on phones (the kit's Table). */
export function CustomersTable({ customers, empty }: { customers: CustomerView[]; empty: ReactNode }) {
  return (
    <Table caption="Customers" columns={COLUMNS} rows={customers} rowKey={(c) => c.id} empty={empty} rowTestId={() => "customer-row"} />
  );
}
