import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { getSession } from "@/lib/auth/get-session";
import { roleHas } from "@/lib/auth/permissions";
import { CustomersView } from "./_components/customers-view";

export const metadata: Metadata = { title: "Customers" };

/**
 * /customers — the company's customers, searched and paged from the URL (client side, TanStack
 * Query over GET /api/v1/customers). "New customer" is rendered only with customers:write; the API
 * refuses the others too.
 */
export default async function CustomersPage() {
  const session = await getSession();
  if (!session) redirect("/signin?callbackUrl=/customers");
  const { user } = session;
  if (!user.companyId || !roleHas(user.role, "customers:read")) {
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
