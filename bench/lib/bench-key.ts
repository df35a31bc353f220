/**
 * An API key with `dashboard:read` for a fresh UNLIMITED company whose limits are far above what a
 * few seconds of load can reach, so every answer is the handler's (bench:gateway, profile:gateway).
 * Call after startBenchApp (it migrates the database).
 */
export async function seedBenchKey(): Promise<string> {
  const { seedCompany, seedUser, seedMembership } = await import("../../tests/helpers/seed-rows");
  const { createApiKey } = await import("@/lib/services/api-keys/create-api-key");
  const { closeDb } = await import("@/lib/db/client");
  const huge = 1_000_000_000;
  const companyId = await seedCompany({ tier: "UNLIMITED", limitOverrides: { company: { perHour: huge }, endpoint: { dashboard: huge } } });
  const user = await seedUser();
  await seedMembership(companyId, user.id, "owner");
  const actor = {
    userId: user.id,
    apiKeyId: null,
    role: "owner" as const,
    scopes: null,
    isPlatformAdmin: false,
    ip: null,
    requestId: "bench",
  };
  const { key } = await createApiKey({ companyId, actor, name: "bench", scopes: ["dashboard:read"] });
  await closeDb();
  return key;
}
