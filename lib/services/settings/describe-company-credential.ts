import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import type { CredentialMeta } from "./credential-meta";
import type { CompanyCredential } from "./schemas";

/**
 * "Set on … by …, ends in …" for a company's own key: the key's last four characters (it is already
 * decrypted in memory by whoever asks), when and by whom it was set. A key set through an API key
 * names no person (null), as does one stored before this was recorded.
 */
export async function describeCompanyCredential(meta: CredentialMeta | null, key: string): Promise<CompanyCredential> {
  let setBy: CompanyCredential["setBy"] = null;
  if (meta?.setByUserId) {
    const [user] = await getDb().select({ name: users.name }).from(users).where(eq(users.id, meta.setByUserId)).limit(1);
    if (user) setBy = { name: user.name };
  }
  return { setAt: meta?.setAt ?? null, setBy, last4: key.slice(-4) };
}
