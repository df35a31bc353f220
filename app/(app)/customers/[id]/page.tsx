import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { sectionRule } from "@/components/layout/sections";
import { ApiError } from "@/lib/api/errors";
import { pageAccess } from "@/lib/auth/page-access";
import { roleHas } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { getCustomer } from "@/lib/services/customers/get-customer";
import type { CustomerDetail } from "@/lib/services/customers/schemas";
import { isId } from "@/lib/ids/is-id";
import { CustomerView } from "./_components/customer-view";

type Params = { params: Promise<{ id: string }> };

/** The profile, or null for an unknown id, another company's, or a role without customers:read (the API's 404). */
async function load(id: string): Promise<{ companyId: string; role: Role | null; customer: CustomerDetail } | null> {
  const { user, allowed } = await pageAccess(sectionRule("/customers"));
  const companyId = user.companyId;
  if (!allowed || !companyId || !isId(id)) return null;
  try {
    return { companyId, role: user.role, customer: (await getCustomer(companyId, id)).value };
  } catch (err) {
    if (err instanceof ApiError && err.code === "not_found") return null;
    throw err;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const found = await load((await params).id);
  return { title: found ? found.customer.name : "Customer not found" };
}

/**
 * /customers/[id] — one customer: the profile (editable with customers:write), book and call-back
 * actions (each shown only to roles the API lets do it), possible duplicates with merge, and the
 * timeline of calls, bookings and emails.
 */
export default async function CustomerPage({ params }: Params) {
  const found = await load((await params).id);
  if (!found) notFound();
  const { role } = found;
  return (
    <div className="mx-auto max-w-7xl space-y-4" data-testid="customer-detail">
      <Link
        href="/customers"
        className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        ← All customers
      </Link>
      <CustomerView
        initial={found.customer}
        timeZone={await getCompanyTimezone(found.companyId)}
        can={{
          edit: roleHas(role, "customers:write"),
          call: roleHas(role, "calls:write"),
          book: roleHas(role, "appointments:write"),
        }}
      />
    </div>
  );
}
