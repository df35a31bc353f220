import { desc, eq, lt } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/api-keys";
import { users } from "@/lib/db/schema/users";
import { forCompany } from "@/lib/db/tenant";
import type { ApiKeyListItem } from "./schemas";
import { toPublicApiKey } from "./to-public-api-key";

export interface ListApiKeysInput {
  companyId: string;
  limit?: number;
  /** The last id of the previous page. */
  cursor?: string;
  now?: Date;
}

export interface ApiKeyPage {
  items: ApiKeyListItem[];
  nextCursor: string | null;
}

/** A company's keys, newest first (revoked ones included, with their status) with who created them; never the hash. */
export async function listApiKeys(input: ListApiKeysInput): Promise<ApiKeyPage> {
  const limit = input.limit ?? 50;
  const rows = await getDb()
    .select({ key: apiKeys, createdByName: users.name })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(forCompany(apiKeys, input.companyId, input.cursor ? lt(apiKeys.id, input.cursor) : undefined))
    .orderBy(desc(apiKeys.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const now = input.now ?? new Date();
  return {
    items: page.map((row) => ({ ...toPublicApiKey(row.key, now), createdByName: row.createdByName })),
    nextCursor: rows.length > limit ? (page.at(-1)?.key.id ?? null) : null,
  };
}
