"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "./cn";

export interface LinkTabsProps {
  /** Names the navigation for screen readers ("Settings sections"). */
  label: string;
  tabs: ReadonlyArray<{ href: string; label: string }>;
}

/**
 * Tabs as links (each tab is a page, so it can be bookmarked and Back works). The current one is the
 * tab whose href is the longest prefix of the path (`/admin` for `/admin/companies/…`, `/admin/audit`
 * for itself), marked `aria-current="page"`.
 */
export function LinkTabs({ label, tabs }: LinkTabsProps) {
  const pathname = usePathname();
  const current = tabs
    .filter((t) => pathname === t.href || pathname.startsWith(`${t.href}/`))
    .reduce<string | null>((best, t) => (best === null || t.href.length > best.length ? t.href : best), null);
  return (
    <nav aria-label={label} className="mt-4 overflow-x-auto border-b border-slate-200">
      <ul className="flex gap-1">
        {tabs.map((t) => (
          <li key={t.href} className="shrink-0">
            <Link
              href={t.href}
              aria-current={t.href === current ? "page" : undefined}
              className={cn(
                "-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600",
                t.href === current
                  ? "border-brand-600 text-brand-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
