import { asc, eq, gt } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { memberships } from "@/lib/db/schema/memberships";
import { users } from "@/lib/db/schema/users";
import { forCompany } from "@/lib/db/tenant";
import type { Member } from "./schemas";

export interface ListMembersInput {
  companyId: string;
  limit?: number;
  /** The last membership id of the previous page. */
  cursor?: string;
}

/** The company's people with their roles, in the order they joined (keyset on the membership id). */
export async function listMembers(input: ListMembersInput): Promise<{ items: Member[]; nextCursor: string | null }> {
  const limit = input.limit ?? 25;
  const rows = await getDb()
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
      lastLoginAt: users.lastLoginAt,
      disabledAt: users.disabledAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(forCompany(memberships, input.companyId, input.cursor ? gt(memberships.id, input.cursor) : undefined))
    .orderBy(asc(memberships.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      userId: r.userId,
      name: r.name,
      email: r.email,
      role: r.role,
      joinedAt: r.joinedAt.toISOString(),
      lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
      disabled: r.disabledAt !== null,
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.membershipId ?? null) : null,
  };
}
