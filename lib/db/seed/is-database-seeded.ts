import { eq } from "drizzle-orm";
import { getDb } from "../client";
import { users } from "../schema";
import { DEMO_ROOT_EMAIL } from "./demo-accounts";

/** Has the demo been seeded here? (`npm run dev` seeds an empty database.) Needs a migrated database. */
export async function isDatabaseSeeded(): Promise<boolean> {
  const rows = await getDb().select({ id: users.id }).from(users).where(eq(users.email, DEMO_ROOT_EMAIL)).limit(1);
  return rows.length > 0;
}
