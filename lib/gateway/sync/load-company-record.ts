import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { companyRecordFromRow, POLICY_VERSION, recordKeys, type CompanyRecord } from "@/lib/gateway/records";
import { getRedis, redisKey } from "@/lib/redis/client";

/**
 * Fill only when the key is absent or holds a record computed under another policy version: a
 * write-through (tier change) that landed after our MySQL read is newer and must not be replaced.
 */
const FILL_SCRIPT = `
local cur = redis.call("GET", KEYS[1])
if cur then
  local ok, rec = pcall(cjson.decode, cur)
  if ok and type(rec) == "table" and rec.pv == ARGV[2] then return 0 end
end
redis.call("SET", KEYS[1], ARGV[1])
return 1
`;

/** The edge missed `co:<id>` (or found it under an old policy): read MySQL and fill it. Null for an unknown company. */
export async function loadCompanyRecord(companyId: string): Promise<CompanyRecord | null> {
  const [row] = await getDb()
    .select({ id: companies.id, tier: companies.tier, status: companies.status, limitOverrides: companies.limitOverrides })
    .from(companies)
    .where(eq(companies.id, companyId))
    .limit(1);
  if (!row) return null;
  const record = companyRecordFromRow(row);
  await getRedis().eval(FILL_SCRIPT, [redisKey(recordKeys.company(companyId))], [JSON.stringify(record), POLICY_VERSION]);
  return record;
}
