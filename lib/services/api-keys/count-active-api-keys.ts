import { count, gt, isNull, or } from "drizzle-orm";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { forCompany, type DbExecutor } from "@/lib/db/tenant";

/** Keys that still authenticate at `now` (an old key in its rotation grace counts until it ends). */
export async function countActiveApiKeys(db: DbExecutor, companyId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(apiKeys)
    .where(
      forCompany(
        apiKeys,
        companyId,
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
        or(isNull(apiKeys.graceExpiresAt), gt(apiKeys.graceExpiresAt, now)),
      ),
    );
  return Number(row?.n ?? 0);
}
