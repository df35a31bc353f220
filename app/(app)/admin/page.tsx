import type { Metadata } from "next";
import { Suspense } from "react";
import { sectionRule } from "@/components/layout/sections";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { pageAccess } from "@/lib/auth/page-access";
import { CompaniesView } from "./_components/companies-view";

export const metadata: Metadata = { title: "Platform console" };

/** /admin — every company: search, tier and status filters and the page's cursor in the URL (GET /api/v1/admin/companies). */
export default async function AdminCompaniesPage() {
  // The layout shows the notice; this page renders nothing for anyone else.
  if (!(await pageAccess(sectionRule("/admin"))).allowed) return null;
  return (
    <Suspense fallback={<LoadingSkeleton label="Loading companies…" count={8} />}>
      <CompaniesView />
    </Suspense>
  );
}
