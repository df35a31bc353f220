/**
 * `npm run bench:cache`: what the cache buys, in one run against the production build on seeded data.
 * Every request goes through the full pipeline with an API key; the only difference between the
 * cached and uncached rows is `Cache-Control: no-cache` (X-Cache: BYPASS → the loader runs every time).
 *
 *   BENCH_CALLS=20000 BENCH_SECONDS=8 npm run bench:cache
 */
import { eq } from "drizzle-orm";
import { benchEnv, load, printTable, startBenchApp } from "./lib/bench-app";

benchEnv();
const calls = Number(process.env.BENCH_CALLS ?? 20_000);

// Seed before the app starts so its first requests see the data.
{
  const { migrate } = await import("@/lib/db/migrate");
  const { seedDemo } = await import("@/lib/db/seed");
  await migrate();
  await seedDemo({ calls });
  console.log(`• seeded the demo data with ${calls} calls`);
}

const app = await startBenchApp();
try {
  const { getDb, closeDb } = await import("@/lib/db/client");
  const { companies } = await import("@/lib/db/schema/companies");
  const { writeCompanyRecord } = await import("@/lib/gateway/sync/write-company-record");
  const { createApiKey } = await import("@/lib/services/api-keys/create-api-key");
  const { memberships } = await import("@/lib/db/schema/memberships");
  const { users } = await import("@/lib/db/schema/users");
  const db = getDb();
  const [owner] = await db
    .select({ userId: users.id, companyId: memberships.companyId })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.email, "owner@acme.test"))
    .limit(1);
  if (!owner) throw new Error("demo owner missing after seeding");
  // Limits far above what the load reaches, so every answer is the handler's, never a 429.
  const huge = 1_000_000_000;
  const limitOverrides = { company: { perHour: huge }, endpoint: { dashboard: huge, calls: huge }, user: { perHour: huge } };
  await db.update(companies).set({ limitOverrides }).where(eq(companies.id, owner.companyId));
  const [row] = await db.select().from(companies).where(eq(companies.id, owner.companyId));
  await writeCompanyRecord(row!);
  const actor = { userId: owner.userId, apiKeyId: null, role: "owner" as const, scopes: null, isPlatformAdmin: false, ip: null, requestId: "bench" };
  const { key } = await createApiKey({ companyId: owner.companyId, actor, name: "bench-cache", scopes: ["dashboard:read", "calls:read"] });
  await closeDb();

  const auth = { authorization: `Bearer ${key}` };
  const fresh = { ...auth, "cache-control": "no-cache" };
  const bare = await load("bare route (GET /api/v1/ping)", "/api/v1/ping", auth);
  const ovU = await load("overview 90d, uncached (BYPASS)", "/api/v1/dashboard/overview?range=90d", fresh);
  const ovC = await load("overview 90d, cached (HIT)", "/api/v1/dashboard/overview?range=90d", auth);
  const lsU = await load("calls list page 1, uncached (BYPASS)", "/api/v1/calls?limit=25", fresh);
  const lsC = await load("calls list page 1, cached (HIT)", "/api/v1/calls?limit=25", auth);
  printTable(`Cache benchmark (${calls} calls seeded)`, [bare, ovU, ovC, lsU, lsC]);
  console.log(`\noverview: cached / uncached throughput ${(ovC.rps / ovU.rps).toFixed(2)}×, p50 ${ovU.p50} → ${ovC.p50} ms`);
  console.log(`calls list: cached / uncached throughput ${(lsC.rps / lsU.rps).toFixed(2)}×, p50 ${lsU.p50} → ${lsC.p50} ms`);
  console.log(`cache hit vs bare route: overview ${(ovC.rps / bare.rps).toFixed(2)}× the bare route's req/s, calls ${(lsC.rps / bare.rps).toFixed(2)}×`);
} finally {
  app.stop();
}
process.exit(0);
