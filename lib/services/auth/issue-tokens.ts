import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { releaseLoginAttempt } from "@/lib/auth/release-login-attempt";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import { assertLoginAllowed } from "./assert-login-allowed";
import { createRefreshToken } from "./create-refresh-token";
import type { TokenPair } from "./schemas";
import { signTokenPair } from "./sign-token-pair";

export const BAD_CREDENTIALS = "Email or password is incorrect.";

/** A failed attempt keeps the attempt assertLoginAllowed reserved: it counts against the email's window. */
const badCredentials = () => new ApiError("unauthorized", BAD_CREDENTIALS);

export interface IssueTokensInput {
  email: string;
  password: string;
  companyId?: string;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}

/**
 * Email + password → access JWT + a refresh token starting a new family. One generic 401 for an
 * unknown email, a wrong password, a disabled account or a company the person is not in. A platform
 * admin who belongs to no company gets a platform-scope pair (no company, no role): the admin API,
 * /api/gateway/* and /api/metrics take it; company endpoints answer 403 "Choose a company first".
 */
export async function issueTokens(input: IssueTokensInput): Promise<TokenPair> {
  const now = input.now ?? new Date();
  await assertLoginAllowed(input.email);
  const user = await verifyCredentials(input.email, input.password, input.companyId);
  if (!user) throw badCredentials();

  const db = getDb();
  const [account] = await db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, user.id)).limit(1);
  if (!account || account.disabledAt) throw badCredentials();
  // A platform admin naming a company they are not in gets no token for it (as for anyone else), not a company-less one.
  if (input.companyId && user.companyId !== input.companyId) throw badCredentials();
  // The password was right: the attempt is given back (a success never counts).
  await releaseLoginAttempt(input.email);
  const scope =
    user.companyId && user.role ? { cid: user.companyId, role: user.role } : user.isPlatformAdmin ? { cid: null, role: null } : null;
  if (!scope) throw new ApiError("forbidden", "This account belongs to no company, so it cannot use the API.");

  const refresh = await createRefreshToken(db, {
    userId: user.id,
    companyId: scope.cid,
    sessionGeneration: user.sessionGeneration,
    ip: input.ip,
    userAgent: input.userAgent,
    now,
  });
  await db.update(users).set({ lastLoginAt: now, updatedAt: now }).where(eq(users.id, user.id));
  return signTokenPair(
    { sub: user.id, cid: scope.cid, role: scope.role, pa: user.isPlatformAdmin, sid: refresh.familyId, gen: user.sessionGeneration },
    refresh.token,
    now,
  );
}
