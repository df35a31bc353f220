"use client";

import Link from "next/link";
import { formatPhone } from "@/lib/phone/format-phone";
import type { CustomerDetail } from "@/lib/services/customers/schemas";
import { CallBackButton } from "./call-back-button";
import { DuplicatesCard } from "./duplicates-card";
import { ProfileCard } from "./profile-card";
import { TimelineCard } from "./timeline-card";
import { useCustomer } from "./use-customer";

export interface CustomerPermissions {
  edit: boolean;
  call: boolean;
  book: boolean;
}

const actionLink =
  "inline-flex items-center justify-center gap-1.5 rounded-lg bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/** The customer page's body: header with actions, then profile and duplicates beside the timeline. */
export function CustomerView({ initial, timeZone, can }: { initial: CustomerDetail; timeZone: string; can: CustomerPermissions }) {
  const { data: customer } = useCustomer(initial);
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words" data-testid="customer-name">
            {customer.name}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {[customer.phone ? formatPhone(customer.phone) : null, customer.email].filter(Boolean).join(" · ") || "No phone or email yet"}
          </p>
        </div>
        {can.book || can.call ? (
          <div className="flex flex-wrap gap-2">
            {can.book ? (
              <Link href={`/calendar?customer=${encodeURIComponent(customer.id)}`} className={actionLink} data-testid="book-appointment">
                Book an appointment
              </Link>
            ) : null}
            {can.call ? <CallBackButton customer={customer} /> : null}
          </div>
        ) : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-3 lg:items-start">
        <div className="space-y-4 lg:col-span-1">
          <ProfileCard key={customer.updatedAt} customer={customer} canEdit={can.edit} />
          <DuplicatesCard customer={customer} canMerge={can.edit} />
        </div>
        <div className="min-w-0 lg:col-span-2">
          <TimelineCard customerId={customer.id} timeZone={timeZone} />
        </div>
      </div>
    </>
  );
}
