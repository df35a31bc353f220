import type { Metadata } from "next";
import { Suspense } from "react";
import { NotAllowed } from "@/components/layout/not-allowed";
import { sectionRule } from "@/components/layout/sections";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { pageAccess } from "@/lib/auth/page-access";
import { roleHas } from "@/lib/auth/permissions";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { CallsView } from "./_components/calls-view";

export const metadata: Metadata = { title: "Calls" };

/**
 * /calls — the company's calls, filtered and paged from the URL (client side, TanStack Query).
 * The Export button is rendered only for roles with calls:export; the API refuses the others too.
 */
export default async function CallsPage() {
  const { user, allowed } = await pageAccess(sectionRule("/calls"));
  if (!allowed) return <NotAllowed title="Calls" />;
  if (!user.companyId) {
    return (
      <EmptyState title="No company selected" description="Calls belong to a company. Sign in with a company account to see its calls." />
    );
  }
  const timeZone = await getCompanyTimezone(user.companyId);
  return (
    <Suspense fallback={<LoadingSkeleton label="Loading calls…" count={10} />}>
      <CallsView canExport={roleHas(user.role, "calls:export")} timeZone={timeZone} />
    </Suspense>
  );
}
