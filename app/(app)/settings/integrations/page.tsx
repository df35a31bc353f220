import type { Metadata } from "next";
import { sectionRule } from "@/components/layout/sections";
import { EmptyState } from "@/components/ui/empty-state";
import { pageAccess } from "@/lib/auth/page-access";
import { mayOpen } from "@/lib/auth/may-open";
import { listIntegrationStatus } from "@/lib/services/integrations-status/list-integration-status";
import { ReadOnlyNote } from "../_components/read-only-note";
import { VendorCard } from "./_components/vendor-card";

export const metadata: Metadata = { title: "Integrations" };

/** /settings/integrations — per vendor: whose key is used, set on/by/ends in, breaker; set or remove the company's own key, test it. */
export default async function IntegrationsPage() {
  const { user, allowed } = await pageAccess(sectionRule("/settings"));
  if (!allowed) return null;
  if (!user.companyId)
    return <EmptyState title="No company selected" description="Sign in with a company account to see its integrations." />;
  const statuses = await listIntegrationStatus(user.companyId);
  const canManage = mayOpen({ permission: "settings:manage" }, user.role, user.isPlatformAdmin);
  return (
    <>
      {canManage ? null : <ReadOnlyNote role={user.role} />}
      <div className="space-y-4">
        {statuses.map((s) => (
          <VendorCard key={s.vendor} status={s} canManage={canManage} />
        ))}
      </div>
    </>
  );
}
