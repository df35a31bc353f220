import type { ReactNode } from "react";
import { NotAllowed } from "@/components/layout/not-allowed";
import { sectionRule } from "@/components/layout/sections";
import { LinkTabs } from "@/components/ui/link-tabs";
import { pageAccess } from "@/lib/auth/page-access";

const TABS = [
  { href: "/admin", label: "Companies" },
  { href: "/admin/audit", label: "Audit log" },
] as const;

/**
 * /admin/* — the platform console (platform admins only; their navigation alone has the link, and
 * every admin API answers 403 to anyone else). Each page checks access too: Next renders a page in
 * parallel with its layout.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { allowed } = await pageAccess(sectionRule("/admin"));
  if (!allowed) {
    return (
      <NotAllowed
        title="Platform console"
        description="It is where Switchboard's platform admins run tiers, limits and suspensions for every company."
      />
    );
  }
  return (
    <div className="mx-auto max-w-7xl">
      <h1 className="text-2xl font-semibold tracking-tight">Platform console</h1>
      <LinkTabs label="Platform console sections" tabs={TABS} />
      <div className="mt-6">{children}</div>
    </div>
  );
}
