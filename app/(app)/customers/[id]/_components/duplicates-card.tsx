"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiFetchEnvelope } from "@/components/data/api-fetch";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { notify } from "@/components/ui/notify";
import { formatPhone } from "@/lib/phone/format-phone";
import type { CustomerDetail, MergeResult } from "@/lib/services/customers/schemas";
import { customerKey } from "./use-customer";

type Duplicate = CustomerDetail["possibleDuplicates"][number];

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/**
 * "Possible duplicates": other customers with the same phone or email. With customers:write each
 * can be merged into this one behind a confirmation (their calls, bookings and emails move here).
 */
export function DuplicatesCard({ customer, canMerge }: { customer: CustomerDetail; canMerge: boolean }) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Duplicate | null>(null);
  const merge = useMutation({
    mutationFn: (duplicateId: string) =>
      apiFetchEnvelope<MergeResult>(`/api/v1/customers/${customer.id}/merge`, { method: "POST", json: { duplicateId } }),
    onSuccess: ({ data }) => {
      setPending(null);
      const { calls, appointments, emails } = data.moved;
      notify.success("Customers merged", {
        description: `Moved ${count(calls, "call")}, ${count(appointments, "booking")} and ${count(emails, "email")} here.`,
      });
      void queryClient.invalidateQueries({ queryKey: customerKey(customer.id) });
      void queryClient.invalidateQueries({ queryKey: ["customers"] });
    },
    onError: (err) => {
      setPending(null);
      notify.error(err, "The merge");
      void queryClient.invalidateQueries({ queryKey: customerKey(customer.id) });
    },
  });
  if (customer.possibleDuplicates.length === 0) return null;
  return (
    <Card title="Possible duplicates" description="Same phone number or email as this customer" data-testid="possible-duplicates">
      <ul className="divide-y divide-slate-100">
        {customer.possibleDuplicates.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2 first:pt-0 last:pb-0" data-testid="duplicate">
            <div className="min-w-0 text-sm">
              <Link href={`/customers/${d.id}`} className="font-medium text-brand-700 hover:underline">
                {d.name}
              </Link>
              <p className="text-xs break-all text-slate-500">
                {[d.phone ? formatPhone(d.phone) : null, d.email].filter(Boolean).join(" · ")}
              </p>
            </div>
            {canMerge ? (
              <Button size="sm" onClick={() => setPending(d)} data-testid="merge-duplicate">
                Merge into {customer.name.split(" ")[0]}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canMerge ? (
        <ConfirmDialog
          open={pending !== null}
          onOpenChange={(o) => {
            if (!o && !merge.isPending) setPending(null);
          }}
          title={`Merge ${pending?.name ?? ""} into ${customer.name}?`}
          description={`${pending?.name ?? "The duplicate"}'s calls, bookings and emails move to ${customer.name}, and ${pending?.name ?? "the duplicate"} is removed. This cannot be undone.`}
          confirmLabel="Merge"
          pending={merge.isPending}
          onConfirm={() => pending && merge.mutate(pending.id)}
        />
      ) : null}
    </Card>
  );
}
