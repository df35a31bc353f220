import { eq, sql } from "drizzle-orm";
import { users } from "@/lib/db/schema/users";
import type { Tx } from "@/lib/db/tenant";

/**
 * Ends every session and access token the person holds: one more than the generation they carry.
 * Call it inside the transaction of the change that ends them (role, membership, password, disable),
 * then write the returned generation through with writeUserRecord once it has committed.
 */
export async function bumpSessionGeneration(tx: Tx, userId: string, now: Date): Promise<number> {
  await tx
    .update(users)
    .set({ sessionGeneration: sql`${users.sessionGeneration} + 1`, updatedAt: now })
    .where(eq(users.id, userId));
  const [row] = await tx.select({ gen: users.sessionGeneration }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.gen ?? 0;
}
