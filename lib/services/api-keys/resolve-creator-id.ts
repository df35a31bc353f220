import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { forCompany, type DbExecutor } from "@/lib/db/tenant";
import type { Actor } from "@/lib/services/audit/actor-from-caller";

/** The person a new key is attributed to: the actor, or, when a key acts, the person who created that key. */
export async function resolveCreatorId(db: DbExecutor, companyId: string, actor: Actor): Promise<string> {
  if (actor.userId) return actor.userId;
  if (actor.apiKeyId) {
    const [parent] = await db
      .select({ createdBy: apiKeys.createdBy })
      .from(apiKeys)
      .where(forCompany(apiKeys, companyId, eq(apiKeys.id, actor.apiKeyId)))
      .limit(1);
    if (parent) return parent.createdBy;
  }
  throw new ApiError("forbidden", "Only a person or one of this company's keys can manage keys.");
}
