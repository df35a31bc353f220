import { redirect } from "next/navigation";
import { sectionRule } from "@/components/layout/sections";
import { pageAccess } from "@/lib/auth/page-access";

/** /settings opens its first tab (after the same access check as every page: signed in, not suspended). */
export default async function SettingsIndex() {
  await pageAccess(sectionRule("/settings"));
  redirect("/settings/company");
}
