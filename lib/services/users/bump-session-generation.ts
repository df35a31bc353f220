import { and, eq, isNull, sql } from "drizzle-orm";
import { refreshTokens } from "@/lib/db/schema/refresh-tokens";
import { users } from "@/lib/db/schema/users";
import type { Tx } from "@/lib/db/tenant";

/**
 * Ends every session, access token and refresh token the person holds: one more than the generation
 * they carry, and their unrevoked refresh tokens revoked in the same transaction (a refresh token
 * rotated concurrently still carries the old generation, which rotateRefreshToken refuses).
 * Call it inside the transaction of the change that ends them (role, membership, password, disable,
 * sign-out), then write the returned generation through with writeUserRecord once it has committed.
 */
export async function bumpSessionGeneration(tx: Tx, userId: string, now: Date): Promise<number> {
  await tx
    .update(users)
    .set({ sessionGeneration: sql`${users.sessionGeneration} + 1`, updatedAt: now })
    .where(eq(users.id, userId));
  await tx
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  const [row] = await tx.select({ gen: users.sessionGeneration }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.gen ?? 0;
}
