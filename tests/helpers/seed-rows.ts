import bcrypt from "bcryptjs";
import { getDb } from "@/lib/db/client";
import { companies, type LimitOverrides, type Tier } from "@/lib/db/schema/companies";
import { memberships } from "@/lib/db/schema/memberships";
import { users } from "@/lib/db/schema/users";
import type { Role } from "@/lib/auth/roles";
import { createId } from "@/lib/ids/create-id";

/** Minimal rows for integration tests; every call makes new, unique ones. */
export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export async function seedCompany(opts: { tier?: Tier; name?: string; limitOverrides?: LimitOverrides | null } = {}): Promise<string> {
  const id = createId("company");
  await getDb()
    .insert(companies)
    .values({
      id,
      name: opts.name ?? `Test Co ${id.slice(-6)}`,
      slug: id.toLowerCase().replace("_", "-"),
      tier: opts.tier ?? "PRO",
      limitOverrides: opts.limitOverrides ?? null,
    });
  return id;
}

export async function seedUser(
  opts: { isPlatformAdmin?: boolean; disabled?: boolean; email?: string } = {},
): Promise<{ id: string; email: string; password: string }> {
  const id = createId("user");
  const email = opts.email ?? `${id.toLowerCase()}@test.local`;
  passwordHash ??= bcrypt.hash(TEST_PASSWORD, 4);
  await getDb()
    .insert(users)
    .values({
      id,
      email,
      name: `User ${id.slice(-6)}`,
      passwordHash: await passwordHash,
      isPlatformAdmin: opts.isPlatformAdmin ?? false,
      disabledAt: opts.disabled ? new Date() : null,
    });
  return { id, email, password: TEST_PASSWORD };
}

export async function seedMembership(companyId: string, userId: string, role: Role): Promise<string> {
  const id = createId("membership");
  await getDb().insert(memberships).values({ id, companyId, userId, role });
  return id;
}

/** A company with one person of the given role in it. */
export async function seedTenant(opts: { tier?: Tier; role?: Role; limitOverrides?: LimitOverrides | null } = {}) {
  const companyId = await seedCompany({ tier: opts.tier, limitOverrides: opts.limitOverrides });
  const user = await seedUser();
  const role = opts.role ?? "owner";
  await seedMembership(companyId, user.id, role);
  return { companyId, user, role };
}
