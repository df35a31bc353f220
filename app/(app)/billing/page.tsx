import type { Metadata } from "next";
import { NotAllowed } from "@/components/layout/not-allowed";
import { sectionRule } from "@/components/layout/sections";
import { EmptyState } from "@/components/ui/empty-state";
import { pageAccess } from "@/lib/auth/page-access";
import { roleHas } from "@/lib/auth/permissions";
import { getBillingUsage } from "@/lib/services/billing/get-billing-usage";
import { getSubscription } from "@/lib/services/billing/get-subscription";
import { listInvoices } from "@/lib/services/billing/list-invoices";
import { listPayments } from "@/lib/services/billing/list-payments";
import { BillingView } from "./_components/billing-view";

export const metadata: Metadata = { title: "Billing" };

/**
 * /billing — the plan and what it buys, usage against it, invoices and payments (billing:read: owners
 * and admins; only owners change the plan or the alert). Everything comes with the page from the
 * services (no API calls on load, so the billing endpoint group's 20/h stays for actions); after a
 * checkout or a portal visit the view re-renders the page until Stripe's webhook has landed.
 */
export default async function BillingPage() {
  const { user, allowed } = await pageAccess(sectionRule("/billing"));
  if (!allowed) return <NotAllowed title="Billing" />;
  if (!user.companyId) {
    return <EmptyState title="No company selected" description="Billing belongs to a company. Sign in with a company account to see it." />;
  }
  const [subscription, usage, invoices, payments] = await Promise.all([
    getSubscription(user.companyId),
    getBillingUsage(user.companyId),
    listInvoices(user.companyId, { limit: 24 }),
    listPayments(user.companyId, { limit: 24 }),
  ]);
  return (
    <BillingView
      subscription={subscription}
      usage={usage}
      invoices={invoices.items}
      payments={payments.items}
      canManage={roleHas(user.role, "billing:manage")}
    />
  );
}
