"use client";

import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/data/api-fetch";
import { Card } from "@/components/ui/card";
import { notify } from "@/components/ui/notify";
import type { Tier } from "@/lib/db/schema/companies";
import type { BillingUsage, InvoiceItem, PaymentItem, Subscription } from "@/lib/services/billing/schemas";
import { AlertForm } from "./alert-form";
import { BillingHistory } from "./billing-history";
import { formatCount } from "./format";
import { PlanCard } from "./plan-card";
import { usePlanRefresh } from "./use-plan-refresh";
import { UsageChart } from "./usage-chart";
import { UsageMeter } from "./usage-meter";

export interface BillingViewProps {
  subscription: Subscription;
  usage: BillingUsage;
  invoices: InvoiceItem[];
  payments: PaymentItem[];
  canManage: boolean;
}

export function BillingView({ subscription: s, usage, invoices, payments, canManage }: BillingViewProps) {
  const params = useSearchParams();
  const back = params.get("checkout") === "success" ? "checkout" : params.get("portal") === "return" ? "portal" : null;
  const waiting = usePlanRefresh(
    `${s.tier}|${s.status}|${s.cancelAtPeriodEnd}|${s.currentPeriodEnd}`,
    back,
    back === "checkout" && s.hasSubscription,
  );
  const [busy, setBusy] = useState<string | null>(null);

  const go = async (what: string, path: string, json?: unknown) => {
    setBusy(what);
    try {
      const { url } = await apiFetch<{ url: string }>(path, { method: "POST", json, headers: { "idempotency-key": crypto.randomUUID() } });
      window.location.assign(url);
    } catch (err) {
      notify.error(err, what === "portal" ? "Opening the billing portal" : "Starting checkout");
      setBusy(null);
    }
  };
  const checkout = (tier: Exclude<Tier, "FREE">) => void go(tier, "/api/v1/billing/checkout", { tier });
  const portal = () => void go("portal", "/api/v1/billing/portal");

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Billing</h1>
        <p className="mt-1 text-sm text-slate-600">Your plan, what you use of it, invoices and payments.</p>
      </div>

      {s.status === "past_due" ? (
        <div role="alert" data-testid="past-due" className="rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">Your last payment failed.</p>
          <p className="mt-0.5">
            Stripe will retry the card. Your plan stays {s.tier} for now; update the card to keep its limits.
            {canManage ? " Use “Manage billing” below." : " Ask an owner to update it."}
          </p>
        </div>
      ) : null}
      {waiting ? (
        <p
          role="status"
          data-testid="waiting-for-stripe"
          className="rounded-xl border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-700"
        >
          Waiting for Stripe to confirm the change… this page updates by itself.
        </p>
      ) : null}

      <PlanCard subscription={s} canManage={canManage} busy={busy} onCheckout={checkout} onPortal={portal} />

      <Card title="Usage" description={`This hour, and the month since ${usage.month.from} (UTC).`}>
        <div className="grid gap-6 md:grid-cols-3">
          <UsageMeter
            label="This hour"
            used={usage.currentHour.used}
            limit={usage.currentHour.limit}
            unit="requests"
            hint={`Resets ${new Date(usage.currentHour.resetsAt).toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit", timeZone: "UTC" })} UTC`}
          />
          <UsageMeter label="This month" used={usage.month.requests} limit={usage.month.requestsLimit} unit="API requests" />
          <UsageMeter label="Call minutes" used={usage.month.callMinutes} limit={usage.month.callMinutesIncluded} unit="minutes" />
        </div>
      </Card>

      <div className="grid gap-6 xl:grid-cols-3">
        <Card title="Requests by endpoint group" description="Admitted API requests per day this month." className="xl:col-span-2">
          <UsageChart usage={usage} />
        </Card>
        <Card title="Requests by key" padded={false}>
          <ul className="divide-y divide-slate-100 text-sm" data-testid="usage-by-key">
            {usage.totals.byKey.length === 0 ? <li className="px-4 py-6 text-slate-500">No API requests this month yet.</li> : null}
            {usage.totals.byKey.map((k) => (
              <li key={k.keyId} className="flex items-center justify-between gap-2 px-4 py-2">
                <span className="truncate text-slate-700">
                  {k.keyId === "session" ? "People (dashboard and tokens)" : (k.name ?? k.keyId)}
                </span>
                <span className="tabular-nums text-slate-900">{formatCount(k.requests)}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>

      {canManage ? <AlertForm percent={s.usageAlertPercent} companyPerHour={s.limits.companyPerHour} /> : null}

      <BillingHistory invoices={invoices} payments={payments} />
    </div>
  );
}
