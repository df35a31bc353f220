import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { getSession } from "@/lib/auth/get-session";
import { isCompanySuspended } from "@/lib/services/companies/is-company-suspended";

export const metadata: Metadata = { title: "Company suspended" };
export const dynamic = "force-dynamic";

/**
 * Where the gateway and pageAccess send a suspended company's people: a notice and a way out, and
 * nothing of the company's data (it lives outside app/(app), so no page or layout of the dashboard runs).
 */
export default async function SuspendedPage() {
  const session = await getSession();
  if (!session) redirect("/signin");
  const { user } = session;
  if (!user.companyId || user.isPlatformAdmin || !(await isCompanySuspended(user.companyId))) redirect("/dashboard");

  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div
        role="alert"
        data-testid="company-suspended"
        className="w-full max-w-xl rounded-lg border border-amber-200 bg-amber-50 px-5 py-6 text-amber-900"
      >
        <h1 className="text-lg font-semibold">{user.companyName ?? "This company"} is suspended</h1>
        <p className="mt-2 text-sm">
          Its calls, customers and settings are kept safe, but can&apos;t be opened until the suspension is lifted. Contact support.
        </p>
        <div className="mt-4">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
