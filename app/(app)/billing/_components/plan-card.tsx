"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { Tier } from "@/lib/db/schema/companies";
import { companyLimits, RESOURCE_CAPS } from "@/lib/gateway/rate-limit/policy";
import { PLANS } from "@/lib/services/billing/plans";
import type { Subscription } from "@/lib/services/billing/schemas";
import { formatCount, formatDay, formatMoney } from "./format";

const TIER_ORDER: Tier[] = ["FREE", "PRO", "ENTERPRISE", "UNLIMITED"];
const LABEL: Record<Tier, string> = { FREE: "Free", PRO: "Pro", ENTERPRISE: "Enterprise", UNLIMITED: "Unlimited" };

/** What a row of the comparison shows for a tier (its base limits; an admin's override applies to the current plan only). */
const ROWS: Array<{ label: string; value: (t: Tier) => string }> = [
  { label: "Price", value: (t) => (PLANS[t].priceCents === 0 ? "Free" : `${formatMoney(PLANS[t].priceCents)}/mo`) },
  { label: "API requests per hour (company)", value: (t) => formatCount(companyLimits(t, null).companyPerHour) },
  { label: "Calls API per hour, per person or key", value: (t) => formatCount(companyLimits(t, null).endpoint.calls) },
  { label: "Customers API per hour", value: (t) => formatCount(companyLimits(t, null).endpoint.customers) },
  { label: "Active API keys", value: (t) => formatCount(RESOURCE_CAPS.apiKeys[t]) },
  { label: "Team members", value: (t) => formatCount(RESOURCE_CAPS.members[t]) },
  {
    label: "Included call minutes a month",
    value: (t) => (PLANS[t].includedCallMinutes === null ? "No cap" : formatCount(PLANS[t].includedCallMinutes)),
  },
];

export interface PlanCardProps {
  subscription: Subscription;
  canManage: boolean;
  busy: string | null;
  onCheckout: (tier: Exclude<Tier, "FREE">) => void;
  onPortal: () => void;
}

/** The current plan, the limits it buys, and every plan side by side with the way to move between them. */
export function PlanCard({ subscription: s, canManage, busy, onCheckout, onPortal }: PlanCardProps) {
  const current = TIER_ORDER.indexOf(s.tier);
  const statusTone = s.status === "active" || s.status === "trialing" ? "success" : s.status === "none" ? "neutral" : "warning";
  const action = (t: Tier) => {
    if (!canManage || t === s.tier) return null;
    const up = TIER_ORDER.indexOf(t) > current;
    // A subscriber changes plan (up, down, or back to Free) in Stripe's portal; a Free company checks out.
    if (s.hasSubscription || t === "FREE")
      return s.hasBillingAccount && s.hasSubscription ? (
        <Button size="sm" variant="secondary" onClick={onPortal} disabled={busy !== null}>
          {up ? "Upgrade" : "Downgrade"} in portal
        </Button>
      ) : null;
    // A paid tier without a subscription was given by the platform: a checkout cannot lower it (the server refuses too).
    if (!up)
      return (
        <p className="text-xs text-slate-600" data-testid={`downgrade-${t}`}>
          Below your {LABEL[s.tier]} plan: ask support to downgrade.
        </p>
      );
    return (
      <Button
        size="sm"
        variant="primary"
        onClick={() => onCheckout(t as Exclude<Tier, "FREE">)}
        disabled={busy !== null}
        data-testid={`upgrade-${t}`}
      >
        {busy === t ? "Opening checkout…" : `Upgrade to ${LABEL[t]}`}
      </Button>
    );
  };
  return (
    <Card
      title="Plan"
      description="Your plan is your rate limits: the gateway lets through what it buys."
      actions={
        canManage && s.hasBillingAccount ? (
          <Button size="sm" onClick={onPortal} disabled={busy !== null} data-testid="open-portal">
            {busy === "portal" ? "Opening…" : "Manage billing"}
          </Button>
        ) : null
      }
    >
      <div className="flex flex-wrap items-center gap-3" data-testid="current-plan">
        <p className="text-2xl font-semibold text-slate-900">
          <span data-testid="plan-tier">{LABEL[s.tier]}</span>
        </p>
        <Badge tone={statusTone} dot>
          {s.status === "none" ? "No subscription" : s.status.replace("_", " ")}
        </Badge>
        {s.currentPeriodEnd ? (
          <p className="text-sm text-slate-600">
            {s.cancelAtPeriodEnd ? "Ends" : "Renews"} {formatDay(s.currentPeriodEnd)}
            {s.cancelAtPeriodEnd ? " — then Free" : ""}
          </p>
        ) : null}
      </div>
      <dl className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-3" data-testid="plan-limits">
        <div className="rounded-lg bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-500">Company requests per hour</dt>
          <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid="limit-company">
            {formatCount(s.limits.companyPerHour)}
          </dd>
        </div>
        <div className="rounded-lg bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-500">Per person per hour</dt>
          <dd className="text-lg font-semibold tabular-nums text-slate-900">{formatCount(s.limits.userPerHour)}</dd>
        </div>
        <div className="rounded-lg bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-500">Calls API per hour, per person or key</dt>
          <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid="limit-calls">
            {formatCount(s.limits.endpoint.calls ?? 0)}
          </dd>
        </div>
      </dl>

      <div className="mt-6 overflow-x-auto">
        <table className="w-full min-w-[36rem] text-sm" data-testid="plan-comparison">
          <caption className="sr-only">Plans compared</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
              <th scope="col" className="py-2 pr-2 font-medium">
                Plan
              </th>
              {TIER_ORDER.map((t) => (
                <th key={t} scope="col" className={t === s.tier ? "py-2 pr-2 font-semibold text-brand-700" : "py-2 pr-2 font-medium"}>
                  {LABEL[t]}
                  {t === s.tier ? " (current)" : ""}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((r) => (
              <tr key={r.label} className="border-b border-slate-100">
                <th scope="row" className="py-2 pr-2 text-left font-normal text-slate-600">
                  {r.label}
                </th>
                {TIER_ORDER.map((t) => (
                  <td key={t} className="py-2 pr-2 tabular-nums text-slate-900">
                    {r.value(t)}
                  </td>
                ))}
              </tr>
            ))}
            {canManage ? (
              <tr>
                <td />
                {TIER_ORDER.map((t) => (
                  <td key={t} className="py-3 pr-2">
                    {action(t)}
                  </td>
                ))}
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {!canManage ? <p className="mt-3 text-sm text-slate-600">Only an owner can change the plan.</p> : null}
    </Card>
  );
}
