import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb, getPool } from "@/lib/db/client";
import { calls, companies, customers, webhookEvents } from "@/lib/db/schema";
import { createId } from "@/lib/ids/create-id";

afterAll(async () => {
  await closeDb();
});

async function company() {
  const id = createId("company");
  await getDb()
    .insert(companies)
    .values({ id, name: "Schema Co", slug: id.toLowerCase(), limitOverrides: { company: { perHour: 9000 }, endpoint: { calls: 1200 } } });
  return id;
}

describe("schema behaviour on MariaDB", () => {
  it("returns JSON columns parsed, through drizzle and through the raw pool", async () => {
    const id = await company();
    const [row] = await getDb().select().from(companies).where(eq(companies.id, id));
    expect(row!.limitOverrides).toEqual({ company: { perHour: 9000 }, endpoint: { calls: 1200 } });
    const [raw] = (await getPool().query("SELECT limit_overrides FROM companies WHERE id = ?", [id])) as [
      { limit_overrides: unknown }[],
      unknown,
    ];
    expect(raw[0]!.limit_overrides).toEqual({ company: { perHour: 9000 }, endpoint: { calls: 1200 } });
  });

  it("keeps millisecond UTC instants and fills created_at in UTC", async () => {
    const companyId = await company();
    const startedAt = new Date("2025-02-03T04:05:06.789Z");
    const id = createId("call", { at: startedAt });
    const before = Date.now();
    await getDb().insert(calls).values({ id, companyId, retellCallId: id, direction: "inbound", status: "ended", startedAt });
    const [row] = await getDb().select().from(calls).where(eq(calls.id, id));
    expect(row!.startedAt.toISOString()).toBe("2025-02-03T04:05:06.789Z");
    expect(Math.abs(row!.createdAt.getTime() - before)).toBeLessThan(5_000);
  });

  it("rejects a second webhook event with the same (provider, event_id)", async () => {
    const eventId = `evt_${createId("webhookEvent")}`;
    const insert = (provider: "stripe" | "calcom") =>
      getDb()
        .insert(webhookEvents)
        .values({ id: createId("webhookEvent"), provider, eventId, eventType: "invoice.paid", payload: { id: eventId } });
    await insert("stripe");
    await expect(insert("stripe")).rejects.toMatchObject({ cause: { code: "ER_DUP_ENTRY" } });
    await insert("calcom"); // the same id from another provider is another event
    const rows = await getDb().select().from(webhookEvents).where(eq(webhookEvents.eventId, eventId));
    expect(rows).toHaveLength(2);
    expect(rows[0]!.payload).toEqual({ id: eventId });
  });

  it("finds calls by a word of their transcript, within one company", async () => {
    const a = await company();
    const b = await company();
    const word = `periodontal${Date.now() % 100000}`;
    const mk = (companyId: string, transcript: string) => {
      const id = createId("call");
      return {
        id,
        companyId,
        retellCallId: id,
        direction: "inbound" as const,
        status: "ended" as const,
        startedAt: new Date(),
        transcript,
      };
    };
    await getDb()
      .insert(calls)
      .values([
        mk(a, `Agent: Hello.\nUser: I need a ${word} cleaning.`),
        mk(a, "Agent: Hello.\nUser: Wrong number, sorry."),
        mk(b, `Agent: Hi.\nUser: ${word} please.`),
      ]);
    const found = await getDb()
      .select({ id: calls.id, companyId: calls.companyId })
      .from(calls)
      .where(and(eq(calls.companyId, a), sql`MATCH(${calls.transcript}) AGAINST (${word} IN BOOLEAN MODE)`));
    expect(found).toHaveLength(1);
    expect(found[0]!.companyId).toBe(a);
  });

  it("finds customers by name, phone or email with the FULLTEXT index, and one customer per number", async () => {
    const companyId = await company();
    await getDb()
      .insert(customers)
      .values({ id: createId("customer"), companyId, name: "Zebulon Quimby", phone: "+15555550199", email: "zq@example.com" });
    const search = (q: string) =>
      getDb()
        .select({ name: customers.name })
        .from(customers)
        .where(
          and(
            eq(customers.companyId, companyId),
            sql`MATCH(${customers.name}, ${customers.phone}, ${customers.email}) AGAINST (${q} IN BOOLEAN MODE)`,
          ),
        );
    expect(await search("Quimby")).toEqual([{ name: "Zebulon Quimby" }]);
    expect(await search("15555550199")).toEqual([{ name: "Zebulon Quimby" }]);
    expect(await search("zebu*")).toEqual([{ name: "Zebulon Quimby" }]);
    await expect(
      getDb()
        .insert(customers)
        .values({ id: createId("customer"), companyId, name: "Other", phone: "+15555550199" }),
    ).rejects.toMatchObject({ cause: { code: "ER_DUP_ENTRY" } });
  });
});
