import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { DashboardView } from "./_components/dashboard-view";

export const metadata: Metadata = { title: "Dashboard" };

/**
 * /dashboard — the period's KPIs against the period before, the daily trend, and the latest
 * activity. Client-rendered through TanStack Query so the range picker (`?range=`) swaps data
 * without reloading the page.
 */
export default function DashboardPage() {
  return (
    <Suspense fallback={<LoadingSkeleton shape="cards" count={5} label="Loading the dashboard…" />}>
      <DashboardView />
    </Suspense>
  );
}
