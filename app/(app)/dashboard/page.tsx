import type { Metadata } from "next";
import { Suspense } from "react";
import { NotAllowed } from "@/components/layout/not-allowed";
import { sectionRule } from "@/components/layout/sections";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { pageAccess } from "@/lib/auth/page-access";
import { DashboardView } from "./_components/dashboard-view";

export const metadata: Metadata = { title: "Dashboard" };

/**
 * /dashboard — the period's KPIs against the period before, the daily trend, and the latest
 * activity. Client-rendered through TanStack Query so the range picker (`?range=`) swaps data
 * without reloading the page.
 */
export default async function DashboardPage() {
  if (!(await pageAccess(sectionRule("/dashboard"))).allowed) return <NotAllowed title="Dashboard" />;
  return (
    <Suspense fallback={<LoadingSkeleton shape="cards" count={5} label="Loading the dashboard…" />}>
      <DashboardView />
    </Suspense>
  );
}
