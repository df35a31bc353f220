import type { Metadata } from "next";
import { Suspense } from "react";
import { sectionRule } from "@/components/layout/sections";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { pageAccess } from "@/lib/auth/page-access";
import { AuditView } from "../_components/audit-view";

export const metadata: Metadata = { title: "Audit log · Platform console" };

/** /admin/audit — every audited action, newest first, filtered by company, actor and action, in keyset pages (all in the URL). */
export default async function AdminAuditPage() {
  if (!(await pageAccess(sectionRule("/admin"))).allowed) return null;
  return (
    <Suspense fallback={<LoadingSkeleton label="Loading the audit log…" count={8} />}>
      <AuditView />
    </Suspense>
  );
}
