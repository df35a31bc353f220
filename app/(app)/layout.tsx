import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getSession } from "@/lib/auth/get-session";
import { visibleSections } from "@/components/layout/sections";
import { AppNav } from "./_components/app-nav";
import { SignOutButton } from "./_components/sign-out-button";

export const dynamic = "force-dynamic";

/** The signed-in shell: navigation filtered by role, the company and who is signed in. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  if (!session) redirect("/signin");
  const { user } = session;
  const sections = visibleSections(user.role, user.isPlatformAdmin);

  return (
    <div className="min-h-full md:flex">
      <aside className="border-b border-slate-200 bg-white md:min-h-screen md:w-60 md:border-r md:border-b-0">
        <div className="flex items-center gap-2 px-4 py-4">
          <div className="flex h-8 w-8 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white" aria-hidden>
            S
          </div>
          <div className="min-w-0">
            <p className="truncate text-sm font-semibold" data-testid="company-name">
              {user.companyName ?? "Switchboard"}
            </p>
            <p className="truncate text-xs text-slate-500">
              {user.email} · <span data-testid="user-role">{user.isPlatformAdmin && !user.role ? "platform admin" : user.role}</span>
            </p>
          </div>
        </div>
        <AppNav sections={sections.map(({ href, label }) => ({ href, label }))} />
        <div className="px-4 py-3">
          <SignOutButton />
        </div>
      </aside>
      <main className="flex-1 px-4 py-6 md:px-8">{children}</main>
    </div>
  );
}
