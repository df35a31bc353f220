import bcrypt from "bcryptjs";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { MySqlTable } from "drizzle-orm/mysql-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialContext, decryptSecret } from "@/lib/crypto/encryption";
import { closeDb, getDb } from "@/lib/db/client";
import {
  apiKeys,
  appointmentDayCounts,
  appointments,
  calls,
  companies,
  companySettings,
  customers,
  emailEvents,
  invoices,
  memberships,
  payments,
  usageCounters,
  users,
} from "@/lib/db/schema";
import { DEMO_CREDENTIALS, fixedId, isDatabaseSeeded, seedAnchor, seedDemo } from "@/lib/db/seed";
import { zonedDateOf } from "@/lib/time/zoned-date-of";

const SIZE = { calls: 150, customers: 40, seed: 7 };
const DAY = 86_400_000;
const TABLES = {
  customers,
  calls,
  appointments,
  emailEvents,
  invoices,
  payments,
  usageCounters,
  companies,
  users,
  memberships,
  apiKeys,
} as const;

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) {
    out[name] = (
      await getDb()
        .select({ n: count() })
        .from(table as MySqlTable)
    )[0]!.n;
  }
  return out;
}

/** A fingerprint of the generated rows: first and last calls, plus checksums of every generated table. */
async function snapshot() {
  const db = getDb();
  const checksum = async (table: string) =>
    ((await db.execute(sql.raw(`CHECKSUM TABLE \`${table}\``))) as unknown as [{ Checksum: number }[]])[0][0]!.Checksum;
  // Other test files share this database: look only at the demo companies' calls.
  const demo = inArray(
    calls.companyId,
    db
      .select({ id: companies.id })
      .from(companies)
      .where(inArray(companies.slug, ["acme-dental", "globex-clinic"])),
  );
  return {
    first: await db.select().from(calls).where(demo).orderBy(asc(calls.id)).limit(1),
    last: await db.select().from(calls).where(demo).orderBy(desc(calls.id)).limit(1),
    checksums: await Promise.all(
      ["customers", "calls", "appointments", "email_events", "invoices", "payments", "usage_counters"].map(checksum),
    ),
  };
}

describe("demo seed", () => {
  let first: Awaited<ReturnType<typeof seedDemo>>;

  beforeAll(async () => {
    first = await seedDemo(SIZE);
  });
  afterAll(async () => {
    await closeDb();
  });

  it("creates exactly the SPEC's demo companies, people and roles", async () => {
    const rows = await getDb()
      .select({
        email: users.email,
        admin: users.isPlatformAdmin,
        hash: users.passwordHash,
        slug: companies.slug,
        name: companies.name,
        tier: companies.tier,
        role: memberships.role,
      })
      .from(users)
      .leftJoin(memberships, eq(memberships.userId, users.id))
      .leftJoin(companies, eq(companies.id, memberships.companyId))
      .where(
        inArray(users.email, [
          "owner@acme.test",
          "admin@acme.test",
          "member@acme.test",
          "viewer@acme.test",
          "owner@globex.test",
          "root@switchboard.test",
        ]),
      )
      .orderBy(asc(users.email));
    expect(rows.map(({ hash: _hash, ...r }) => r)).toEqual([
      { email: "admin@acme.test", admin: false, slug: "acme-dental", name: "Acme Dental", tier: "PRO", role: "admin" },
      { email: "member@acme.test", admin: false, slug: "acme-dental", name: "Acme Dental", tier: "PRO", role: "member" },
      { email: "owner@acme.test", admin: false, slug: "acme-dental", name: "Acme Dental", tier: "PRO", role: "owner" },
      { email: "owner@globex.test", admin: false, slug: "globex-clinic", name: "Globex Clinic", tier: "FREE", role: "owner" },
      { email: "root@switchboard.test", admin: true, slug: null, name: null, tier: null, role: null },
      { email: "viewer@acme.test", admin: false, slug: "acme-dental", name: "Acme Dental", tier: "PRO", role: "viewer" },
    ]);
    const hashes = new Set(rows.map((r) => r.hash));
    expect(hashes.size).toBe(1); // hashed once, reused
    const [hash] = [...hashes];
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(await bcrypt.compare(process.env.DEMO_PASSWORD ?? "switchboard-demo", hash!)).toBe(true);
    expect(await isDatabaseSeeded()).toBe(true);
  });

  it("uses fixed ids for the fixed demo rows", () => {
    expect(first.ids.companies.acme).toBe(fixedId("company", "acme"));
    expect(first.ids.companies.acme).toMatch(/^co_/);
    expect(first.ids.users["root@switchboard.test"]).toBe(fixedId("user", "root@switchboard.test"));
  });

  it("generates the requested sizes, split between the companies, Globex smaller", async () => {
    const db = getDb();
    const byCompany = await db
      .select({ companyId: calls.companyId, n: count() })
      .from(calls)
      .where(inArray(calls.companyId, Object.values(first.ids.companies)))
      .groupBy(calls.companyId);
    const n = Object.fromEntries(byCompany.map((r) => [r.companyId, r.n]));
    expect(n[first.ids.companies.acme]).toBe(120);
    expect(n[first.ids.companies.globex]).toBe(30);
    const customerCount = await db
      .select({ n: count() })
      .from(customers)
      .where(inArray(customers.companyId, Object.values(first.ids.companies)));
    expect(customerCount[0]!.n).toBe(40);
    for (const table of [appointments, emailEvents, invoices, payments, usageCounters] as const) {
      const [row] = await db.select({ n: count() }).from(table).where(eq(table.companyId, first.ids.companies.globex));
      expect(row!.n).toBeGreaterThan(0);
    }
  });

  it("lays calls out over the 90 days before the start of today (UTC), with realistic content", async () => {
    const anchor = seedAnchor();
    const db = getDb();
    const scope = inArray(calls.companyId, Object.values(first.ids.companies));
    const [outside] = await db
      .select({ n: count() })
      .from(calls)
      .where(and(scope, sql`NOT (${calls.startedAt} >= ${new Date(anchor.getTime() - 91 * DAY)} AND ${calls.startedAt} < ${anchor})`));
    expect(outside!.n).toBe(0);
    const statuses = await db.selectDistinct({ s: calls.status }).from(calls).where(scope);
    expect(statuses.map((r) => r.s).sort()).toEqual(expect.arrayContaining(["ended", "ongoing", "registered"]));
    const [ended] = await db
      .select()
      .from(calls)
      .where(and(scope, eq(calls.status, "ended"), sql`${calls.transcript} LIKE 'Agent:%User:%'`))
      .limit(1);
    expect(ended!.transcript).toMatch(/^Agent: .*\nUser: /);
    expect(ended!.analysis).toMatchObject({ call_summary: expect.any(String), call_successful: expect.any(Boolean) });
    expect(ended!.recordingUrl).toMatch(/^https:\/\//);
    expect(ended!.durationMs).toBeGreaterThan(0);
  });

  it("keeps every generated reference inside its own company", async () => {
    const [crossAppt] = await getDb()
      .select({ n: count() })
      .from(appointments)
      .innerJoin(calls, eq(calls.id, appointments.sourceCallId))
      .where(sql`${calls.companyId} <> ${appointments.companyId}`);
    expect(crossAppt!.n).toBe(0);
    const [crossCall] = await getDb()
      .select({ n: count() })
      .from(calls)
      .innerJoin(customers, eq(customers.id, calls.customerId))
      .where(sql`${customers.companyId} <> ${calls.companyId}`);
    expect(crossCall!.n).toBe(0);
  });

  it("fills the appointment day counts: each demo company's equal its appointments counted by local day and status", async () => {
    for (const companyId of Object.values(first.ids.companies)) {
      const [company] = await getDb().select({ timezone: companies.timezone }).from(companies).where(eq(companies.id, companyId));
      const want: Record<string, number> = {};
      for (const a of await getDb().select().from(appointments).where(eq(appointments.companyId, companyId))) {
        const key = `${zonedDateOf(a.startAt, company!.timezone)}|${a.status}`;
        want[key] = (want[key] ?? 0) + 1;
      }
      expect(Object.keys(want).length).toBeGreaterThan(0);
      const rows = await getDb().select().from(appointmentDayCounts).where(eq(appointmentDayCounts.companyId, companyId));
      expect(Object.fromEntries(rows.map((r) => [`${r.day}|${r.status}`, r.n]))).toEqual(want);
    }
  });

  it("stores the demo integration credentials encrypted, bound to company and column", async () => {
    const acme = first.ids.companies.acme;
    const [row] = await getDb().select().from(companySettings).where(eq(companySettings.companyId, acme));
    expect(row!.retellApiKeyEnc).toMatch(/^v1:/);
    expect(row!.retellApiKeyEnc).not.toContain(DEMO_CREDENTIALS.acme.retellApiKey);
    expect(decryptSecret(row!.retellApiKeyEnc!, credentialContext(acme, "retell_api_key_enc"))).toBe(DEMO_CREDENTIALS.acme.retellApiKey);
    expect(row!.businessHours?.mon).toEqual([{ open: "08:00", close: "17:00" }]);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const before = await counts();
    const snap = await snapshot();
    const again = await seedDemo(SIZE);
    expect(again.skipped).toBe(true);
    expect(await counts()).toEqual(before);
    expect(await snapshot()).toEqual(snap);
  });

  it("is deterministic: regenerating from the same seed writes the same rows, another seed others", async () => {
    const snap = await snapshot();
    const forced = await seedDemo({ ...SIZE, force: true });
    expect(forced.skipped).toBe(false);
    expect(forced.rows.calls).toBe(150);
    expect(await snapshot()).toEqual(snap);

    await seedDemo({ ...SIZE, seed: 8 });
    const other = await snapshot();
    expect(other.first[0]!.id).not.toBe(snap.first[0]!.id);
    await seedDemo(SIZE);
    expect(await snapshot()).toEqual(snap);
  });

  it("regenerates when the size changes, replacing rather than adding", async () => {
    await seedDemo({ ...SIZE, calls: 50 });
    const [row] = await getDb()
      .select({ n: count() })
      .from(calls)
      .where(inArray(calls.companyId, Object.values(first.ids.companies)));
    expect(row!.n).toBe(50);
  });
});
