import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { memberships } from "@/lib/db/schema/memberships";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { writeApiKeyRecord } from "@/lib/gateway/sync/write-api-key-record";
import { writeUserRecord } from "@/lib/gateway/sync/write-user-record";
import { revokeMemberApiKeys } from "@/lib/services/api-keys/revoke-member-api-keys";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { bumpSessionGeneration } from "@/lib/services/users/bump-session-generation";
import { revokeMemberInvites } from "./revoke-member-invites";
import type { OwnershipTransfer } from "./schemas";

/**
 * An owner hands the company to another member: in one transaction the member becomes owner and
 * the acting owner becomes admin. Only an owner signed in as a person does this (not a key, not a
 * platform admin who is no member). Both people's sessions end (a role change each), and the
 * previous owner's keys holding a scope an admin cannot grant (billing:manage) are revoked, as are their open owner invites.
 */
export async function transferOwnership(input: {
  companyId: string;
  userId: string;
  actor: Actor;
  now?: Date;
}): Promise<OwnershipTransfer> {
  const now = input.now ?? new Date();
  const actorId = input.actor.apiKeyId ? null : input.actor.userId;
  if (!actorId) throw new ApiError("forbidden", "Only an owner, signed in, can transfer ownership.");
  if (actorId === input.userId) throw new ApiError("conflict", "You already own this company.");
  const result = await writeTransaction(async (tx) => {
    const rows = await tx.select().from(memberships).where(forCompany(memberships, input.companyId)).for("update");
    const self = rows.find((r) => r.userId === actorId);
    if (!self || self.role !== "owner") throw new ApiError("forbidden", "Only an owner can transfer ownership.");
    const target = await findOneOr404(Promise.resolve(rows.filter((r) => r.userId === input.userId)), "No such member.");
    const keys = await revokeMemberApiKeys(tx, { companyId: input.companyId, userId: actorId, nextRole: "admin", actor: input.actor, now });
    await revokeMemberInvites(tx, { companyId: input.companyId, userId: actorId, nextRole: "admin", actor: input.actor, now });
    await tx
      .update(memberships)
      .set({ role: "owner", updatedAt: now })
      .where(forCompany(memberships, input.companyId, eq(memberships.id, target.id)));
    await tx
      .update(memberships)
      .set({ role: "admin", updatedAt: now })
      .where(forCompany(memberships, input.companyId, eq(memberships.id, self.id)));
    await recordAudit(
      {
        companyId: input.companyId,
        actor: input.actor,
        action: "company.ownership_transferred",
        targetType: "user",
        targetId: input.userId,
        metadata: { from: actorId, to: input.userId, newOwnerPreviousRole: target.role, previousOwnerRole: "admin" },
        at: now,
      },
      tx,
    );
    const generations: Array<[string, number]> = [];
    if (target.role !== "owner") generations.push([input.userId, await bumpSessionGeneration(tx, input.userId, now)]);
    generations.push([actorId, await bumpSessionGeneration(tx, actorId, now)]);
    return { generations, keys };
  });
  for (const [userId, generation] of result.generations) await writeUserRecord(userId, generation);
  for (const key of result.keys) await writeApiKeyRecord(key);
  return { ownerUserId: input.userId, previousOwnerUserId: actorId, previousOwnerRole: "admin" };
}
