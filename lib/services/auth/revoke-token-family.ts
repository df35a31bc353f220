import { and, eq, isNull } from "drizzle-orm";
import { refreshTokens } from "@/lib/db/schema/refresh-tokens";
import type { DbExecutor } from "@/lib/db/tenant";

/** Revokes every live token of a family (reuse detected, or the person lost access). Returns how many. */
export async function revokeTokenFamily(db: DbExecutor, familyId: string, now: Date): Promise<number> {
  const [res] = await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
  return res.affectedRows;
}
