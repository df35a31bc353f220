import type { ReactNode } from "react";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { pageAccess } from "@/lib/auth/page-access";
import { QueryProvider } from "@/components/data/query-provider";
import { visibleSections } from "@/components/layout/sections";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { Toaster } from "@/components/ui/toaster";
import { AppNav } from "./_components/app-nav";

export const dynamic = "force-dynamic";

/**
 * The signed-in shell: navigation filtered by role, the company and who is signed in; TanStack Query
 * for its pages. Signed out or suspended never gets here (pageAccess redirects; each page checks too).
 */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user } = await pageAccess();
  const sections = visibleSections(user.role, user.isPlatformAdmin);

  return (
    <div className="min-h-full md:flex">
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:outline-2 focus:outline-brand-600"
      >
        Skip to content
      </a>
      <aside className="border-b border-slate-200 bg-white md:min-h-screen md:w-60 md:border-r md:border-b-0">
        <div className="flex items-center gap-2 px-4 py-4">
          <div className="flex h-8 w-8 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white" aria-hidden>
            S
          </div>
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-semibold" data-testid="company-name">
              {user.companyName ?? "Switchboard"}
            </p>
            <p className="truncate text-xs text-slate-500">
              {user.email} · <span data-testid="user-role">{user.isPlatformAdmin && !user.role ? "platform admin" : user.role}</span>
            </p>
          </div>
          {/* Phones: sign out sits in the header row instead of taking a row of its own. */}
          <div className="shrink-0 md:hidden">
            <SignOutButton />
          </div>
        </div>
        <AppNav sections={sections.map(({ href, label }) => ({ href, label }))} />
        <div className="hidden px-4 py-3 md:block">
          <SignOutButton />
        </div>
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-8">
        <NuqsAdapter>
          <QueryProvider>{children}</QueryProvider>
        </NuqsAdapter>
      </main>
      <Toaster />
    </div>
  );
}
