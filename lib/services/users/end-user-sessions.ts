import { writeTransaction } from "@/lib/db/write-transaction";
import { writeUserRecord } from "@/lib/gateway/sync/write-user-record";
import { bumpSessionGeneration } from "./bump-session-generation";

/**
 * Sign-out: every session cookie and access token of this person stops working on the next request,
 * at the edge (a copied cookie included). Signing out on one device signs out all of them: the edge
 * knows one generation per person, not a list of sessions. Returns the new generation.
 */
export async function endUserSessions(userId: string, now: Date = new Date()): Promise<number> {
  const gen = await writeTransaction((tx) => bumpSessionGeneration(tx, userId, now));
  await writeUserRecord(userId, gen);
  return gen;
}
