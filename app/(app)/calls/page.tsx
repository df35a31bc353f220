import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { getSession } from "@/lib/auth/get-session";
import { roleHas } from "@/lib/auth/permissions";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { CallsView } from "./_components/calls-view";

export const metadata: Metadata = { title: "Calls" };

/**
 * /calls — the company's calls, filtered and paged from the URL (client side, TanStack Query).
 * The Export button is rendered only for roles with calls:export; the API refuses the others too.
 */
export default async function CallsPage() {
  const session = await getSession();
  if (!session) redirect("/signin?callbackUrl=/calls");
  const { user } = session;
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
