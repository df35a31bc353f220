import { redirect } from "next/navigation";

/** /settings opens its first tab. */
export default function SettingsIndex() {
  redirect("/settings/company");
}
