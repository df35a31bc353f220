import { describe, expect, it } from "vitest";
import { companyRecordFromRow, recordKeys, type CompanyRecord } from "@/lib/gateway/records";
import { writeCompanyRecord } from "@/lib/gateway/sync/write-company-record";
import { RECORD_TTL_SECONDS } from "@/lib/gateway/sync/write-record-if-newer";
import { loadCompanyRecord } from "@/lib/gateway/sync/load-company-record";
import { getRedis, redisKey } from "@/lib/redis/client";
import { seedCompany } from "../helpers/seed-rows";

const read = async (id: string) => (await getRedis().get<CompanyRecord>(redisKey(recordKeys.company(id)))) as CompanyRecord | null;

describe("edge records in Redis", () => {
  it("an older state landing last never replaces a newer one", async () => {
    const id = "co_edge_order_1";
    const t = Date.UTC(2026, 10, 21, 12);
    // an admin suspends the company (newer), then a slower Stripe write-through of the older state lands
    await writeCompanyRecord({ id, tier: "PRO", status: "suspended", limitOverrides: null, updatedAt: new Date(t + 5) });
    await writeCompanyRecord({ id, tier: "ENTERPRISE", status: "active", limitOverrides: null, updatedAt: new Date(t) });
    expect(await read(id)).toMatchObject({ status: "suspended", tier: "PRO", ver: t + 5 });
    // a newer write still goes through
    await writeCompanyRecord({ id, tier: "ENTERPRISE", status: "active", limitOverrides: null, updatedAt: new Date(t + 9) });
    expect(await read(id)).toMatchObject({ status: "active", tier: "ENTERPRISE" });
  });

  it("expires, so a write-through that failed is repaired from MySQL by the miss path", async () => {
    const id = await seedCompany({ tier: "FREE" });
    expect(await loadCompanyRecord(id)).toMatchObject({ tier: "FREE" });
    const ttl = await getRedis().ttl(redisKey(recordKeys.company(id)));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(RECORD_TTL_SECONDS);
  });

  it("a record from another policy version is replaced even if it looks newer", async () => {
    const id = "co_edge_policy_1";
    const stale = {
      ...companyRecordFromRow({ id, tier: "FREE", status: "active", limitOverrides: null }),
      pv: "old-policy",
      ver: Number.MAX_SAFE_INTEGER,
    };
    await getRedis().set(redisKey(recordKeys.company(id)), JSON.stringify(stale));
    await writeCompanyRecord({ id, tier: "PRO", status: "active", limitOverrides: null, updatedAt: new Date(1) });
    expect(await read(id)).toMatchObject({ tier: "PRO" });
  });
});
