import type { Metadata } from "next";
import { NotAllowed } from "@/components/layout/not-allowed";
import { EmptyState } from "@/components/ui/empty-state";
import { pageAccess } from "@/lib/auth/page-access";
import { grantableScopes } from "@/lib/auth/permissions";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { listApiKeys } from "@/lib/services/api-keys/list-api-keys";
import { ApiKeysView } from "./_components/api-keys-view";

export const metadata: Metadata = { title: "API keys" };

/**
 * /settings/api-keys — the company's keys (keys:manage): create with scopes from the creator's own
 * permissions, the secret shown once, rotate with a grace period, revoke, and each key's usage by day.
 * The first page of keys comes with the page; the API (same permission) serves every change after.
 */
export default async function ApiKeysPage() {
  const { user, allowed } = await pageAccess({ permission: "keys:manage" });
  if (!allowed) return <NotAllowed title="API keys" />;
  if (!user.companyId) {
    return (
      <EmptyState title="No company selected" description="API keys belong to a company. Sign in with a company account to manage them." />
    );
  }
  const [page, timeZone] = await Promise.all([listApiKeys({ companyId: user.companyId, limit: 100 }), getCompanyTimezone(user.companyId)]);
  return (
    <ApiKeysView
      initial={page.items}
      timeZone={timeZone}
      grantable={[...grantableScopes(user.role, user.isPlatformAdmin)]}
      userName={user.name ?? null}
    />
  );
}
