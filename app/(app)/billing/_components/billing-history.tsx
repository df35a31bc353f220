import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import type { InvoiceItem, PaymentItem } from "@/lib/services/billing/schemas";
import { formatDay, formatMoney } from "./format";

const INVOICE_TONE: Record<InvoiceItem["status"], BadgeTone> = {
  paid: "success",
  open: "warning",
  draft: "neutral",
  void: "neutral",
  uncollectible: "danger",
};
const PAYMENT_TONE: Record<PaymentItem["status"], BadgeTone> = {
  succeeded: "success",
  pending: "info",
  failed: "danger",
  refunded: "neutral",
};

/** Invoices (status, amount, Stripe's hosted page with the PDF) and payment attempts, newest first. */
export function BillingHistory({ invoices, payments }: { invoices: InvoiceItem[]; payments: PaymentItem[] }) {
  return (
    <div className="flex flex-col gap-6">
      <Card title="Invoices" padded={false}>
        <Table
          caption="Invoices"
          rows={invoices}
          rowKey={(r) => r.id}
          rowTestId={() => "invoice-row"}
          empty={<EmptyState title="No invoices yet" description="Invoices appear here once you subscribe to a paid plan." />}
          columns={[
            { key: "number", header: "Invoice", cell: (r) => r.number ?? r.id, hideLabelWhenStacked: true },
            { key: "period", header: "Period", cell: (r) => `${formatDay(r.periodStart)} – ${formatDay(r.periodEnd)}` },
            { key: "amount", header: "Amount", align: "right", cell: (r) => formatMoney(r.amountDueCents, r.currency) },
            { key: "status", header: "Status", cell: (r) => <Badge tone={INVOICE_TONE[r.status]}>{r.status}</Badge> },
            {
              key: "pdf",
              header: "PDF",
              cell: (r) =>
                r.hostedInvoiceUrl ? (
                  <a
                    className="text-brand-700 underline underline-offset-2"
                    href={r.hostedInvoiceUrl}
                    target="_blank"
                    rel="noreferrer noopener"
                  >
                    View / PDF<span className="sr-only"> of invoice {r.number ?? r.id}</span>
                  </a>
                ) : (
                  "—"
                ),
            },
          ]}
        />
      </Card>
      <Card title="Payments" padded={false}>
        <Table
          caption="Payments"
          rows={payments}
          rowKey={(r) => r.id}
          rowTestId={() => "payment-row"}
          empty={<EmptyState title="No payments yet" description="Each attempt to charge your card is listed here." />}
          columns={[
            { key: "date", header: "Date", cell: (r) => formatDay(r.createdAt), hideLabelWhenStacked: true },
            { key: "amount", header: "Amount", align: "right", cell: (r) => formatMoney(r.amountCents, r.currency) },
            { key: "status", header: "Status", cell: (r) => <Badge tone={PAYMENT_TONE[r.status]}>{r.status}</Badge> },
            { key: "reason", header: "Note", cell: (r) => r.failureReason ?? "—" },
          ]}
        />
      </Card>
    </div>
  );
}
