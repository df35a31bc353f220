import type { Metadata } from "next";
import { sectionRule } from "@/components/layout/sections";
import { pageAccess } from "@/lib/auth/page-access";
import { isId } from "@/lib/ids/is-id";
import { HealthView } from "./_components/health-view";
import { NotAllowed } from "./_components/not-allowed";

export const metadata: Metadata = { title: "Gateway health" };
export const dynamic = "force-dynamic";

/**
 * /health — the gateway's live health. Platform admins see the whole platform (or one company with
 * `?companyId=`); company roles with `health:read` (owner, admin) their company's traffic and limits;
 * anyone else is told plainly they cannot (the API refuses them too).
 */
export default async function HealthPage({ searchParams }: { searchParams: Promise<{ companyId?: string | string[] }> }) {
  const { user, allowed } = await pageAccess(sectionRule("/health"));
  if (!allowed) return <NotAllowed />;

  const { companyId } = await searchParams;
  const requested = isId(companyId) ? companyId : null;
  return user.isPlatformAdmin ? (
    <HealthView viewer={{ kind: "platform" }} initialCompanyId={requested} />
  ) : (
    <HealthView viewer={{ kind: "company", companyName: user.companyName ?? "Your company" }} initialCompanyId={null} />
  );
}
