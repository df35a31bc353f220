import type { Metadata } from "next";
import { Suspense } from "react";
import { NotAllowed } from "@/components/layout/not-allowed";
import { sectionRule } from "@/components/layout/sections";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { pageAccess } from "@/lib/auth/page-access";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { AnalyticsView } from "./_components/analytics-view";

export const metadata: Metadata = { title: "Analytics" };

/**
 * /analytics — KPIs against the previous period, one metric's trend by day/week/month, calls by
 * disconnection reason, and CSV reports. The range, metric and interval live in the URL (nuqs); the
 * data comes from the analytics API through TanStack Query (two reads a range, kept 5 min).
 */
export default async function AnalyticsPage() {
  const { user, allowed } = await pageAccess(sectionRule("/analytics"));
  if (!allowed) return <NotAllowed title="Analytics" />;
  if (!user.companyId) {
    return (
      <EmptyState title="No company selected" description="Analytics belong to a company. Sign in with a company account to see them." />
    );
  }
  const timezone = await getCompanyTimezone(user.companyId);
  return (
    <Suspense fallback={<LoadingSkeleton shape="cards" count={6} label="Loading analytics…" />}>
      <AnalyticsView timezone={timezone} />
    </Suspense>
  );
}
