import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

/** Is there anyone who can run the platform? A production start on a fresh database says how to create one. */
export async function hasPlatformAdmin(db: Db = getDb()): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.isPlatformAdmin, true)).limit(1);
  return rows.length > 0;
}
