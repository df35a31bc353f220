import type { Metadata } from "next";
import { Suspense } from "react";
import { NotAllowed } from "@/components/layout/not-allowed";
import { sectionRule } from "@/components/layout/sections";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { pageAccess } from "@/lib/auth/page-access";
import { roleHas } from "@/lib/auth/permissions";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { CalendarView } from "./_components/calendar-view";

export const metadata: Metadata = { title: "Calendar" };

/**
 * /calendar — week and month views and a day list of the company's bookings, in its time zone (view,
 * date, status filter and the open booking in the URL). Write actions render only for roles with
 * appointments:write; the API refuses the others too.
 */
export default async function CalendarPage() {
  const { user, allowed } = await pageAccess(sectionRule("/calendar"));
  if (!allowed) return <NotAllowed title="Calendar" />;
  if (!user.companyId) {
    return (
      <EmptyState title="No company selected" description="Bookings belong to a company. Sign in with a company account to see them." />
    );
  }
  const timeZone = await getCompanyTimezone(user.companyId);
  return (
    <Suspense fallback={<LoadingSkeleton label="Loading the calendar…" count={8} />}>
      <CalendarView timeZone={timeZone} canWrite={roleHas(user.role, "appointments:write")} />
    </Suspense>
  );
}
