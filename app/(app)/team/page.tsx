import type { Metadata } from "next";
import { NotAllowed } from "@/components/layout/not-allowed";
import { sectionRule } from "@/components/layout/sections";
import { EmptyState } from "@/components/ui/empty-state";
import { pageAccess } from "@/lib/auth/page-access";
import { roleHas } from "@/lib/auth/permissions";
import { TeamView } from "./_components/team-view";

export const metadata: Metadata = { title: "Team" };

/**
 * /team — the company's people and roles, open invites and the permission matrix. Everyone with
 * team:read sees it; the controls work only with team:manage (disabled with the reason otherwise),
 * and the API refuses regardless.
 */
export default async function TeamPage() {
  const { user, allowed } = await pageAccess(sectionRule("/team"));
  if (!allowed) return <NotAllowed title="Team" />;
  if (!user.companyId) {
    return <EmptyState title="No company selected" description="A team belongs to a company. Sign in with a company account to see it." />;
  }
  return (
    <TeamView
      me={{ userId: user.id, role: user.role, isPlatformAdmin: user.isPlatformAdmin }}
      canManage={user.isPlatformAdmin || roleHas(user.role, "team:manage")}
    />
  );
}
