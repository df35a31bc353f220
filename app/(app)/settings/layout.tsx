import type { ReactNode } from "react";
import { NotAllowed } from "@/components/layout/not-allowed";
import { sectionRule } from "@/components/layout/sections";
import { pageAccess } from "@/lib/auth/page-access";
import { mayOpen } from "@/lib/auth/may-open";
import { LinkTabs } from "@/components/ui/link-tabs";

/**
 * /settings/* — one heading and the tabs (links: the tab is the URL's last segment, so a tab can be
 * bookmarked and the back button works). API keys only for roles that manage them (its page checks too).
 */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const { user, allowed } = await pageAccess(sectionRule("/settings"));
  if (!allowed) return <NotAllowed title="Settings" />;
  const tabs = [
    { href: "/settings/company", label: "Company" },
    { href: "/settings/integrations", label: "Integrations" },
    { href: "/settings/profile", label: "Profile" },
    ...(mayOpen({ permission: "keys:manage" }, user.role, user.isPlatformAdmin) ? [{ href: "/settings/api-keys", label: "API keys" }] : []),
  ];
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <LinkTabs label="Settings sections" tabs={tabs} />
      <div className="mt-6">{children}</div>
    </div>
  );
}
