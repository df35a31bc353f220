import type { Metadata } from "next";
import { sectionRule } from "@/components/layout/sections";
import { pageAccess } from "@/lib/auth/page-access";
import { ApiReference } from "./_components/api-reference";

export const metadata: Metadata = { title: "API reference" };

/** /docs/api — open to everyone signed in (its section has no rule), through the same page-access check as every page. */
export default async function ApiReferencePage() {
  await pageAccess(sectionRule("/docs/api"));
  return <ApiReference />;
}
