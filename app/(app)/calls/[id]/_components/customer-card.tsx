import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { CallDetail } from "@/lib/services/calls/schemas";
import { formatPhone } from "../../_components/call-labels";

type Customer = NonNullable<CallDetail["customer"]>;

/** Who the customer is, and their other calls. */
export function CustomerCard({ customer, className }: { customer: Customer | null; className?: string }) {
  return (
    <Card title="Customer" className={className} data-testid="call-customer">
      {customer ? (
        <div className="space-y-1 text-sm">
          <p className="font-medium text-slate-900">{customer.name}</p>
          {customer.phone ? <p className="text-slate-600">{formatPhone(customer.phone)}</p> : null}
          {customer.email ? (
            <p className="break-all">
              <a href={`mailto:${customer.email}`} className="text-brand-700 hover:underline">
                {customer.email}
              </a>
            </p>
          ) : null}
          <p className="pt-2">
            <Link
              href={`/calls?customerId=${encodeURIComponent(customer.id)}`}
              className="font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              All calls with {customer.name.split(" ")[0]} →
            </Link>
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-600">The number isn&apos;t linked to a customer yet.</p>
      )}
    </Card>
  );
}
