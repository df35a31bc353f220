import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ApiError } from "@/lib/api/errors";
import { getSession } from "@/lib/auth/get-session";
import { roleHas } from "@/lib/auth/permissions";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { getCustomer } from "@/lib/services/customers/get-customer";
import type { CustomerDetail } from "@/lib/services/customers/schemas";
import { isId } from "@/lib/ids/is-id";
import { CustomerView } from "./_components/customer-view";

type Params = { params: Promise<{ id: string }> };

/** The profile, or null for an unknown id, another company's, or a role without customers:read (the API's 404). */
async function load(id: string): Promise<{ companyId: string; customer: CustomerDetail } | null> {
  const session = await getSession();
  const companyId = session?.user.companyId;
  if (!companyId || !roleHas(session.user.role, "customers:read") || !isId(id)) return null;
  try {
    return { companyId, customer: (await getCustomer(companyId, id)).value };
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
  const { id } = await params;
  const session = await getSession();
  if (!session) redirect(`/signin?callbackUrl=${encodeURIComponent(`/customers/${id}`)}`);
  const found = await load(id);
  if (!found) notFound();
  const role = session.user.role;
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
