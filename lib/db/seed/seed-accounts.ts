import { inArray, sql } from "drizzle-orm";
import { appEnv } from "@/lib/env/app";
import type { Db } from "../client";
import { companies, memberships, users } from "../schema";
import { DEMO_COMPANIES, DEMO_USERS, type DemoCompanyKey } from "./demo-accounts";
import { DEMO_EPOCH, fixedId } from "./fixed-id";
import { keep } from "./keep";
import { demoPasswordHash } from "./password-hash";

export type DemoAccountIds = { companies: Record<DemoCompanyKey, string>; users: Record<string, string> };

/**
 * The SPEC's demo companies, users and roles, upserted: re-seeding restores tier, status, roles and
 * the password even after someone changed them in the demo. Ids are read back, so a company or user
 * that already existed under another id keeps it.
 */
export async function seedAccounts(db: Db): Promise<DemoAccountIds> {
  const createdAt = new Date(DEMO_EPOCH);
  const companyRows = Object.entries(DEMO_COMPANIES).map(([key, c]) => ({
    id: fixedId("company", key),
    name: c.name,
    slug: c.slug,
    tier: c.tier,
    status: "active" as const,
    timezone: c.timezone,
    billingEmail: c.billingEmail,
    stripeCustomerId: `cus_demo${key}`,
    stripeSubscriptionId: c.tier === "FREE" ? null : `sub_demo${key}`,
    createdAt,
    updatedAt: createdAt,
  }));
  await db
    .insert(companies)
    .values(companyRows)
    .onDuplicateKeyUpdate({
      set: {
        name: sql`VALUES(${companies.name})`,
        tier: sql`VALUES(${companies.tier})`,
        status: sql`VALUES(${companies.status})`,
        suspendedReason: null,
        suspendedAt: null,
        limitOverrides: null,
        timezone: sql`VALUES(${companies.timezone})`,
        updatedAt: keep(companies.updatedAt),
      },
    });
  const companyIds = await db
    .select({ id: companies.id, slug: companies.slug })
    .from(companies)
    .where(
      inArray(
        companies.slug,
        companyRows.map((c) => c.slug),
      ),
    );
  const companyIdByKey = Object.fromEntries(
    Object.entries(DEMO_COMPANIES).map(([key, c]) => [key, companyIds.find((row) => row.slug === c.slug)!.id]),
  ) as Record<DemoCompanyKey, string>;

  const emails = DEMO_USERS.map((u) => u.email);
  const existing = await db.select({ hash: users.passwordHash }).from(users).where(inArray(users.email, emails));
  const passwordHash = await demoPasswordHash(appEnv().DEMO_PASSWORD, existing.length === emails.length ? existing.map((u) => u.hash) : []);
  await db
    .insert(users)
    .values(
      DEMO_USERS.map((u) => ({
        id: fixedId("user", u.email),
        email: u.email,
        name: u.name,
        passwordHash,
        isPlatformAdmin: u.isPlatformAdmin,
        emailVerifiedAt: createdAt,
        createdAt,
        updatedAt: createdAt,
      })),
    )
    .onDuplicateKeyUpdate({
      set: {
        name: sql`VALUES(${users.name})`,
        passwordHash: sql`VALUES(${users.passwordHash})`,
        isPlatformAdmin: sql`VALUES(${users.isPlatformAdmin})`,
        disabledAt: null,
        updatedAt: keep(users.updatedAt),
      },
    });
  const userRows = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
  const userIdByEmail = Object.fromEntries(userRows.map((u) => [u.email, u.id]));

  const members = DEMO_USERS.filter((u) => u.company && u.role);
  await db
    .insert(memberships)
    .values(
      members.map((u) => ({
        id: fixedId("membership", u.email),
        companyId: companyIdByKey[u.company!],
        userId: userIdByEmail[u.email]!,
        role: u.role!,
        createdAt,
        updatedAt: createdAt,
      })),
    )
    .onDuplicateKeyUpdate({ set: { role: sql`VALUES(${memberships.role})`, updatedAt: keep(memberships.updatedAt) } });

  return { companies: companyIdByKey, users: userIdByEmail };
}
