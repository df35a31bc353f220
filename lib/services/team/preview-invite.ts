import { eq } from "drizzle-orm";
import type { Role } from "@/lib/auth/roles";
import { hashToken } from "@/lib/auth/hash-token";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { invites } from "@/lib/db/schema/invites";
import { users } from "@/lib/db/schema/users";
import type { PublicInvite } from "./schemas";
import { inviteStatus } from "./to-public-invite";

export interface InvitePreview {
  companyName: string;
  role: Role;
  email: string;
  status: PublicInvite["status"];
  expiresAt: string;
  /** The invited email already has an account: it joins by signing in (or with its password), not by creating one. */
  accountExists: boolean;
}

/**
 * What the accept page shows the holder of an invite link (signed out): the company, the role, the
 * invited email and whether that email already has an account. Null for a token that is not one.
 */
export async function previewInvite(token: string, now: Date = new Date()): Promise<InvitePreview | null> {
  if (token.length < 20 || token.length > 128) return null;
  const [row] = await getDb()
    .select({ invite: invites, companyName: companies.name })
    .from(invites)
    .innerJoin(companies, eq(companies.id, invites.companyId))
    .where(eq(invites.tokenHash, await hashToken(token)))
    .limit(1);
  if (!row) return null;
  const [account] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, row.invite.email)).limit(1);
  return {
    companyName: row.companyName,
    role: row.invite.role,
    email: row.invite.email,
    status: inviteStatus(row.invite, now),
    expiresAt: row.invite.expiresAt.toISOString(),
    accountExists: Boolean(account),
  };
}
