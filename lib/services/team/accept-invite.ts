import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { hashPassword } from "@/lib/auth/hash-password";
import { hashToken } from "@/lib/auth/hash-token";
import { releaseLoginAttempt } from "@/lib/auth/release-login-attempt";
import { weakPasswordReason } from "@/lib/auth/weak-password-reason";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { invites } from "@/lib/db/schema/invites";
import { memberships } from "@/lib/db/schema/memberships";
import { users } from "@/lib/db/schema/users";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { createId } from "@/lib/ids/create-id";
import { assertLoginAllowed } from "@/lib/services/auth/assert-login-allowed";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { assertInviteUsable } from "./assert-invite-usable";
import { assertInviterStanding } from "./assert-inviter-standing";
import { assertMemberCap } from "./assert-member-cap";
import type { AcceptedInvite } from "./schemas";

export interface AcceptInviteInput {
  token: string;
  name?: string;
  password?: string;
  /** The person presenting the token when signed in (session or bearer token), else null. */
  callerUserId: string | null;
  ip: string | null;
  requestId: string | null;
  now?: Date;
}

const fieldError = (field: string, message: string) => new ApiError("validation_failed", undefined, { details: [{ field, message }] });

/**
 * Whoever holds the link joins the company with the invite's role. The link proves the invited
 * mailbox, not an existing account: when the invited email already has an account, the person must
 * be signed in as it or send its password (checked under the sign-in limiter per email); signed in
 * as anyone else is 403. A new person sends a name and a password and the account is created with
 * the invite's email (verified by the link). Another's, an expired, a revoked or a used invite
 * answers 404/409 with the reason, and so does one whose sender is no
 * longer a member or now holds a role below the invite's (assertInviterStanding). User, membership and the invite's use commit together or not at
 * all; the member cap is checked under the company lock.
 */
export async function acceptInvite(input: AcceptInviteInput): Promise<AcceptedInvite> {
  const now = input.now ?? new Date();
  const tokenHash = await hashToken(input.token);
  const db = getDb();
  const [found] = await db.select().from(invites).where(eq(invites.tokenHash, tokenHash)).limit(1);
  const invite = assertInviteUsable(found, now);
  const [account] = await db.select().from(users).where(eq(users.email, invite.email)).limit(1);

  let newAccount: { name: string; passwordHash: string } | null = null;
  if (input.callerUserId) {
    if (!account || account.id !== input.callerUserId) {
      throw new ApiError("forbidden", `This invite is for ${invite.email}. Sign out, then open the link again or sign in as that person.`, {
        details: { reason: "other_email" },
      });
    }
  } else if (account) {
    if (!input.password) {
      throw new ApiError("unauthorized", `${invite.email} already has an account: sign in first, or enter its password to accept.`, {
        details: { reason: "sign_in_required" },
      });
    }
    await assertLoginAllowed(account.email);
    const ok = account.passwordHash ? await bcrypt.compare(input.password, account.passwordHash) : false;
    if (!ok || account.disabledAt)
      throw new ApiError("forbidden", "That is not the password of this account.", {
        details: [{ field: "password", message: "Not this account's password." }],
      });
    await releaseLoginAttempt(account.email);
  } else {
    if (!input.name) throw fieldError("name", "Enter your name.");
    if (!input.password) throw fieldError("password", "Choose a password.");
    const weak = weakPasswordReason(input.password, invite.email);
    if (weak) throw fieldError("password", `The password ${weak}.`);
    newAccount = { name: input.name, passwordHash: await hashPassword(input.password) };
  }

  const joined = await writeTransaction(async (tx) => {
    // Locked and checked again: two acceptances of one link race here, and only one finds it unused.
    const [locked] = await tx.select().from(invites).where(eq(invites.tokenHash, tokenHash)).limit(1).for("update");
    const live = assertInviteUsable(locked, now);
    await assertInviterStanding(tx, live);
    await assertMemberCap(tx, live.companyId, { now, countOpenInvites: false });
    let userId = account?.id ?? null;
    if (newAccount) {
      userId = createId("user", { at: now });
      // A concurrent sign-up of the same email hits the unique index: 409, and nothing of this is kept.
      await tx.insert(users).values({
        id: userId,
        email: live.email,
        name: newAccount.name,
        passwordHash: newAccount.passwordHash,
        emailVerifiedAt: now,
        createdAt: now,
        updatedAt: now,
      });
    }
    if (!userId) throw new ApiError("conflict", "This invite cannot be accepted now.");
    const [already] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(forCompany(memberships, live.companyId, eq(memberships.userId, userId)))
      .limit(1);
    if (already) throw new ApiError("conflict", "You are already a member of this company.", { details: { reason: "already_member" } });
    await tx.insert(memberships).values({
      id: createId("membership", { at: now }),
      companyId: live.companyId,
      userId,
      role: live.role,
      invitedBy: live.invitedBy,
      createdAt: now,
      updatedAt: now,
    });
    await tx
      .update(invites)
      .set({ acceptedAt: now })
      .where(forCompany(invites, live.companyId, eq(invites.id, live.id)));
    await recordAudit(
      {
        companyId: live.companyId,
        actor: { userId, apiKeyId: null, ip: input.ip, requestId: input.requestId },
        action: "invite.accepted",
        targetType: "invite",
        targetId: live.id,
        metadata: { email: live.email, role: live.role, accountCreated: newAccount !== null },
        at: now,
      },
      tx,
    );
    const company = await findOneOr404(tx.select({ name: companies.name }).from(companies).where(eq(companies.id, live.companyId)));
    return { companyId: live.companyId, companyName: company.name, role: live.role };
  });
  return { ...joined, email: invite.email, accountCreated: newAccount !== null };
}
