import { and, count, eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { memberships, type Membership } from "@/lib/db/schema/memberships";
import { findOneOr404, forCompany, type Tx } from "@/lib/db/tenant";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { withinCeiling } from "./role-ceiling";

/**
 * The membership a role change or removal acts on, row-locked, after the rules every such change
 * shares: another company's person is a 404; nobody acts on someone above their own role or grants
 * a role above it (lib/services/team/role-ceiling.ts), so only an owner (or a platform admin) touches
 * an owner's membership or makes someone owner; the company keeps at least one owner.
 */
export async function lockMember(
  tx: Tx,
  input: { companyId: string; userId: string; actor: Actor; nextRole: Membership["role"] | null },
): Promise<Membership> {
  const member = await findOneOr404(
    tx
      .select()
      .from(memberships)
      .where(forCompany(memberships, input.companyId, eq(memberships.userId, input.userId)))
      .limit(1)
      .for("update"),
    "No such member.",
  );
  if ((member.role === "owner" || input.nextRole === "owner") && !withinCeiling(input.actor, "owner")) {
    throw new ApiError("forbidden", "Only an owner can change an owner's role or make someone an owner.");
  }
  if (!withinCeiling(input.actor, member.role)) {
    throw new ApiError("forbidden", "You cannot change someone whose role is above yours.");
  }
  if (input.nextRole && !withinCeiling(input.actor, input.nextRole)) {
    throw new ApiError("forbidden", "You cannot give a role above your own.");
  }
  if (member.role === "owner" && input.nextRole !== "owner") {
    const [owners] = await tx
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.companyId, input.companyId), eq(memberships.role, "owner")))
      .for("update");
    if (Number(owners?.n ?? 0) <= 1) throw new ApiError("conflict", "A company keeps at least one owner: make someone else owner first.");
  }
  return member;
}
