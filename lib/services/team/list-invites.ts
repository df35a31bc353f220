import { desc, eq, isNull, lt } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { invites } from "@/lib/db/schema/invites";
import { users } from "@/lib/db/schema/users";
import { forCompany } from "@/lib/db/tenant";
import type { PublicInvite } from "./schemas";
import { toPublicInvite } from "./to-public-invite";

export interface ListInvitesInput {
  companyId: string;
  limit?: number;
  /** The last invite id of the previous page. */
  cursor?: string;
  now?: Date;
}

/** Invites not yet accepted or revoked, newest first: pending ones and expired ones (which can be resent). */
export async function listInvites(input: ListInvitesInput): Promise<{ items: PublicInvite[]; nextCursor: string | null }> {
  const limit = input.limit ?? 25;
  const now = input.now ?? new Date();
  const rows = await getDb()
    .select({ invite: invites, inviterName: users.name })
    .from(invites)
    .leftJoin(users, eq(users.id, invites.invitedBy))
    .where(
      forCompany(
        invites,
        input.companyId,
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
        input.cursor ? lt(invites.id, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(invites.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => toPublicInvite(r.invite, r.inviterName, now)),
    nextCursor: rows.length > limit ? (page.at(-1)?.invite.id ?? null) : null,
  };
}
