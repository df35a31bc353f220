import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { sectionRule } from "@/components/layout/sections";
import { pageAccess } from "@/lib/auth/page-access";
import { isId } from "@/lib/ids/is-id";
import { CompanyView } from "../../_components/company-view";

export const metadata: Metadata = { title: "Company · Platform console" };

/** /admin/companies/{id} — one company: its effective limits, the overrides editor with the what-if, suspension, recent changes. */
export default async function AdminCompanyPage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await pageAccess(sectionRule("/admin"))).allowed) return null;
  const { id } = await params;
  if (!isId(id)) notFound();
  return <CompanyView id={id} />;
}
