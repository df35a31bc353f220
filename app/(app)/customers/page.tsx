import type { Metadata } from "next";
import { Suspense } from "react";
import { NotAllowed } from "@/components/layout/not-allowed";
import { sectionRule } from "@/components/layout/sections";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { pageAccess } from "@/lib/auth/page-access";
import { roleHas } from "@/lib/auth/permissions";
import { CustomersView } from "./_components/customers-view";

export const metadata: Metadata = { title: "Customers" };

/**
 * /customers — the company's customers, searched and paged from the URL (client side, TanStack
 * Query over GET /api/v1/customers). "New customer" is rendered only with customers:write; the API
 * refuses the others too.
 */
export default async function CustomersPage() {
  const { user, allowed } = await pageAccess(sectionRule("/customers"));
  if (!allowed) return <NotAllowed title="Customers" />;
  if (!user.companyId) {
    return (
      <EmptyState title="No company selected" description="Customers belong to a company. Sign in with a company account to see them." />
    );
  }
  return (
    <Suspense fallback={<LoadingSkeleton label="Loading customers…" count={10} />}>
      <CustomersView canWrite={roleHas(user.role, "customers:write")} />
    </Suspense>
  );
}
