import type { Metadata } from "next";
import { sectionRule } from "@/components/layout/sections";
import { EmptyState } from "@/components/ui/empty-state";
import { pageAccess } from "@/lib/auth/page-access";
import { mayOpen } from "@/lib/auth/may-open";
import { getCompanySettings } from "@/lib/services/settings/get-company-settings";
import { isTimeZone } from "@/lib/time/zoned-date-of";
import { ReadOnlyNote } from "../_components/read-only-note";
import { CompanyForm } from "./_components/company-form";

export const metadata: Metadata = { title: "Company settings" };

/** The zones the server accepts (the same check as the API's), offered in the picker. */
function timeZoneChoices(current: string): string[] {
  const zones = Intl.supportedValuesOf("timeZone").filter((tz) => tz.includes("/") && isTimeZone(tz));
  return [...new Set(["UTC", current, ...zones])].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
}

/** /settings/company — name, time zone and business hours; read from the service (no API call), saved through PATCH. */
export default async function CompanySettingsPage() {
  const { user, allowed } = await pageAccess(sectionRule("/settings"));
  if (!allowed) return null;
  if (!user.companyId) return <EmptyState title="No company selected" description="Sign in with a company account to see its settings." />;
  const { value } = await getCompanySettings(user.companyId);
  const canManage = mayOpen({ permission: "settings:manage" }, user.role, user.isPlatformAdmin);
  return (
    <>
      {canManage ? null : <ReadOnlyNote role={user.role} />}
      <CompanyForm initial={value} canManage={canManage} timeZones={timeZoneChoices(value.timezone)} />
    </>
  );
}
