import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth/get-session";
import { roleHas } from "@/lib/auth/permissions";
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
  const session = await getSession();
  if (!session) redirect("/signin?callbackUrl=/health");
  const { user } = session;
  if (!user.isPlatformAdmin && !roleHas(user.role, "health:read")) return <NotAllowed />;

  const { companyId } = await searchParams;
  const requested = isId(companyId) ? companyId : null;
  return user.isPlatformAdmin ? (
    <HealthView viewer={{ kind: "platform" }} initialCompanyId={requested} />
  ) : (
    <HealthView viewer={{ kind: "company", companyName: user.companyName ?? "Your company" }} initialCompanyId={null} />
  );
}
