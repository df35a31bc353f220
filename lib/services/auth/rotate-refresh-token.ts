import { and, eq, isNull, sql } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { hashToken } from "@/lib/auth/hash-token";
import { SESSION_ABSOLUTE_MAX_SECONDS } from "@/lib/auth/session-policy";
import { getDb } from "@/lib/db/client";
import { memberships } from "@/lib/db/schema/memberships";
import { refreshTokens } from "@/lib/db/schema/refresh-tokens";
import { users } from "@/lib/db/schema/users";
import { forCompany } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { createRefreshToken } from "./create-refresh-token";
import { revokeTokenFamily } from "./revoke-token-family";
import type { TokenPair } from "./schemas";
import { signTokenPair } from "./sign-token-pair";

export const BAD_REFRESH_TOKEN = "The refresh token is invalid or expired. Sign in again.";

export interface RotateRefreshTokenInput {
  refreshToken: string;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  now?: Date;
}

/**
 * Trades a refresh token for a new pair: the presented token is revoked and points at its successor.
 * Presenting a token that was already rotated means it leaked (or is replayed): the whole family is
 * revoked, the event audited, and the answer is 401. A disabled person, one no longer in the
 * company, or a family older than the person's session generation (sign-out, password or role
 * change, removal since it signed in) cannot refresh; their family is revoked too. The new access
 * token carries the family's generation, never a newer one; its role is read fresh from the membership.
 * A family signed in longer ago than a dashboard session may live (SESSION_ABSOLUTE_MAX_SECONDS)
 * cannot refresh however often it rotated: the person signs in again.
 */
export async function rotateRefreshToken(input: RotateRefreshTokenInput): Promise<TokenPair> {
  const now = input.now ?? new Date();
  const db = getDb();
  const [token] = await db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, await hashToken(input.refreshToken)))
    .limit(1);
  if (!token) throw new ApiError("unauthorized", BAD_REFRESH_TOKEN);

  const refuseFamily = async (reason: string) => {
    const revoked = await revokeTokenFamily(db, token.familyId, now);
    await recordAudit({
      companyId: token.companyId,
      actor: { userId: null, apiKeyId: null, ip: input.ip ?? null, requestId: input.requestId ?? null },
      action: reason === "reuse" ? "refresh_token.reuse_detected" : "refresh_token.family_revoked",
      targetType: "refresh_token_family",
      targetId: token.familyId,
      metadata: { userId: token.userId, reason, tokensRevoked: revoked },
      at: now,
    });
    return new ApiError("unauthorized", BAD_REFRESH_TOKEN);
  };

  if (token.revokedAt) throw token.replacedBy ? await refuseFamily("reuse") : new ApiError("unauthorized", BAD_REFRESH_TOKEN);
  if (token.expiresAt.getTime() <= now.getTime()) throw new ApiError("unauthorized", BAD_REFRESH_TOKEN);
  // The same absolute maximum as a dashboard session, counted from the family's sign-in.
  if (now.getTime() - token.familyStartedAt.getTime() > SESSION_ABSOLUTE_MAX_SECONDS * 1000) throw await refuseFamily("max_age");

  const [person] = token.companyId
    ? await db
        .select({
          disabledAt: users.disabledAt,
          isPlatformAdmin: users.isPlatformAdmin,
          role: memberships.role,
          gen: users.sessionGeneration,
        })
        .from(users)
        .innerJoin(memberships, forCompany(memberships, token.companyId, eq(memberships.userId, users.id)))
        .where(eq(users.id, token.userId))
        .limit(1)
    : // A platform-scope token (no company) lives only as long as its holder is a platform admin.
      await db
        .select({
          disabledAt: users.disabledAt,
          isPlatformAdmin: users.isPlatformAdmin,
          role: sql<null>`null`,
          gen: users.sessionGeneration,
        })
        .from(users)
        .where(and(eq(users.id, token.userId), eq(users.isPlatformAdmin, true)))
        .limit(1);
  if (!person || person.disabledAt) throw await refuseFamily("access_lost");
  if (token.sessionGeneration < person.gen) throw await refuseFamily("session_ended");

  // Claim the presented token first (row lock): of two concurrent uses of one token, exactly one wins.
  const successorId = createId("refreshToken", { at: now });
  const next = await db.transaction(async (tx) => {
    const [res] = await tx
      .update(refreshTokens)
      .set({ revokedAt: now, replacedBy: successorId, lastUsedAt: now })
      .where(and(eq(refreshTokens.id, token.id), isNull(refreshTokens.revokedAt)));
    if (res.affectedRows !== 1) return null;
    return createRefreshToken(tx, {
      id: successorId,
      userId: token.userId,
      companyId: token.companyId,
      familyId: token.familyId,
      familyStartedAt: token.familyStartedAt,
      sessionGeneration: token.sessionGeneration,
      ip: input.ip,
      userAgent: input.userAgent,
      now,
    });
  });
  if (!next) {
    // Lost the claim: to a concurrent rotation (reuse), or to a revocation such as a sign-out (no successor).
    const [lost] = await db
      .select({ replacedBy: refreshTokens.replacedBy })
      .from(refreshTokens)
      .where(eq(refreshTokens.id, token.id))
      .limit(1);
    throw lost?.replacedBy ? await refuseFamily("reuse") : new ApiError("unauthorized", BAD_REFRESH_TOKEN);
  }

  return signTokenPair(
    {
      sub: token.userId,
      cid: token.companyId,
      role: person.role,
      pa: Boolean(person.isPlatformAdmin),
      sid: token.familyId,
      gen: token.sessionGeneration,
    },
    next.token,
    now,
  );
}
