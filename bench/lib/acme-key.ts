import { eq } from "drizzle-orm";
import type { Permission } from "@/lib/auth/permissions";

/**
 * Lifts Acme Dental's limits far above what a benchmark reaches (company, user and endpoint layers,
 * written through to the edge), so every answer is the handler's, never a 429. Returns the demo
 * owner's user id and Acme's company id.
 */
export async function liftAcmeLimits(): Promise<{ userId: string; companyId: string }> {
  const { getDb, closeDb } = await import("@/lib/db/client");
  const { companies } = await import("@/lib/db/schema/companies");
  const { memberships } = await import("@/lib/db/schema/memberships");
  const { users } = await import("@/lib/db/schema/users");
  const { writeCompanyRecord } = await import("@/lib/gateway/sync/write-company-record");
  const db = getDb();
  const [owner] = await db
    .select({ userId: users.id, companyId: memberships.companyId })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.email, "owner@acme.test"))
    .limit(1);
  if (!owner) throw new Error("demo owner missing: seed first");
  const huge = 1_000_000_000;
  const limitOverrides = {
    company: { perHour: huge },
    endpoint: { dashboard: huge, calls: huge, customers: huge, appointments: huge },
    user: { perHour: huge },
  };
  await db.update(companies).set({ limitOverrides }).where(eq(companies.id, owner.companyId));
  const [row] = await db.select().from(companies).where(eq(companies.id, owner.companyId));
  await writeCompanyRecord(row!);
  await closeDb();
  return owner;
}

/** An API key for the demo owner of Acme Dental, with Acme's limits lifted (liftAcmeLimits). Returns the key and Acme's company id. */
export async function acmeBenchKey(scopes: Permission[]): Promise<{ key: string; companyId: string }> {
  const owner = await liftAcmeLimits();
  const { closeDb } = await import("@/lib/db/client");
  const { createApiKey } = await import("@/lib/services/api-keys/create-api-key");
  const actor = {
    userId: owner.userId,
    apiKeyId: null,
    role: "owner" as const,
    scopes: null,
    isPlatformAdmin: false,
    ip: null,
    requestId: "bench",
  };
  const { key } = await createApiKey({ companyId: owner.companyId, actor, name: `bench-${Date.now()}`, scopes });
  await closeDb();
  return { key, companyId: owner.companyId };
}

/** Seeds (idempotent: same size on the same day leaves the history alone) before the app starts. */
export async function seedBenchData(calls: number, customers?: number): Promise<void> {
  const { migrate } = await import("@/lib/db/migrate");
  const { seedDemo } = await import("@/lib/db/seed");
  const { closeDb } = await import("@/lib/db/client");
  await migrate();
  const started = performance.now();
  await seedDemo({ calls, customers });
  await closeDb();
  console.log(
    `• demo data with ${calls} calls${customers ? ` and ${customers} customers` : ""} ready (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
