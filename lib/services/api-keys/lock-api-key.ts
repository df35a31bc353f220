import { eq } from "drizzle-orm";
import { apiKeys, type ApiKey } from "@/lib/db/schema/api-keys";
import { findOneOr404, forCompany, type Tx } from "@/lib/db/tenant";

/** One of the company's keys, row-locked for the rest of the transaction; another company's id is a 404. */
export function lockApiKey(tx: Tx, companyId: string, id: string): Promise<ApiKey> {
  return findOneOr404(
    tx
      .select()
      .from(apiKeys)
      .where(forCompany(apiKeys, companyId, eq(apiKeys.id, id)))
      .limit(1)
      .for("update"),
    "No such API key.",
  );
}
