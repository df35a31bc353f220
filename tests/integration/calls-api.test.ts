import { beforeAll, describe, expect, it } from "vitest";
import { GET as GET_CALL } from "@/app/api/v1/calls/[id]/route";
import { GET as LIST } from "@/app/api/v1/calls/route";
import { getDb } from "@/lib/db/client";
import { calls, type NewCall } from "@/lib/db/schema/calls";
import { createId } from "@/lib/ids/create-id";
import { callFilterConditions } from "@/lib/services/calls/call-filter-conditions";
import { listCallsForExport } from "@/lib/services/calls/list-calls-for-export";
import { pickCallIndex } from "@/lib/services/calls/pick-call-index";
import { callPageQuery } from "@/lib/services/calls/select-call-page";
import type { CallDetail, CallListItem } from "@/lib/services/calls/schemas";
import { ANSWERED_SQL, localDate, sqlRows } from "../helpers/demo-data";
import { setupDemoApi } from "../helpers/demo-fixture";
import { seedTenant } from "../helpers/seed-rows";
import { apiKeyCaller, personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";

type ListBody = {
  data: CallListItem[];
  meta: { nextCursor: string | null; limit: number };
  error?: { code: string; details?: Array<{ field: string }> };
};

const demo = setupDemoApi();
let acme: string;
let globex: string;
let owner: TestCaller;
let viewer: TestCaller;
let globexOwner: TestCaller;

beforeAll(() => {
  ({ acme, globex, owner, viewer, globexOwner } = demo);
});

async function list(query: Record<string, string>, caller: TestCaller = owner, headers: Record<string, string> = {}) {
  const res = await LIST(await signedRequest(`/api/v1/calls?${new URLSearchParams(query)}`, { caller, headers }));
  return { res, body: (await res.json()) as ListBody };
}

/** Every page of a query, following nextCursor; fails on a page that is not 200. */
async function walk(query: Record<string, string>, caller: TestCaller = owner): Promise<{ items: CallListItem[]; pages: number }> {
  const items: CallListItem[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const { res, body } = await list(cursor ? { ...query, cursor } : query, caller);
    expect(res.status, JSON.stringify(body.error)).toBe(200);
    expect(body.data.length).toBeLessThanOrEqual(Number(query.limit ?? 25));
    items.push(...body.data);
    cursor = body.meta.nextCursor;
    pages++;
    expect(pages).toBeLessThan(1000);
  } while (cursor);
  return { items, pages };
}

/** The ids SQL says match, newest first, for one company and an extra condition. */
async function expectedIds(companyId: string, where = "1 = 1", params: unknown[] = []): Promise<string[]> {
  const rows = await sqlRows<{ id: string }>(`SELECT id FROM calls WHERE company_id = ? AND (${where}) ORDER BY started_at DESC, id DESC`, [
    companyId,
    ...params,
  ]);
  return rows.map((r) => r.id);
}

describe("GET /api/v1/calls — keyset pagination", () => {
  it("walks every call of the company exactly once, newest first, in the SQL order", async () => {
    const { items, pages } = await walk({ limit: "37" });
    const expected = await expectedIds(acme);
    expect(expected.length).toBeGreaterThan(400);
    expect(items.map((c) => c.id)).toEqual(expected);
    expect(new Set(items.map((c) => c.id)).size).toBe(items.length);
    expect(pages).toBe(Math.ceil(expected.length / 37));
  });

  it("the default page is 25 rows and says its limit; the last page has no cursor", async () => {
    const { res, body } = await list({});
    expect(res.status).toBe(200);
    expect(body.data).toHaveLength(25);
    expect(body.meta.limit).toBe(25);
    expect(body.meta.nextCursor).toEqual(expect.any(String));
    const all = await expectedIds(acme);
    const last = await list({ limit: "100", cursor: body.meta.nextCursor! });
    expect(last.body.data[0]!.id).toBe(all[25]);
  });

  it("never skips or repeats a call when many share one started_at (ties broken by id)", async () => {
    const t = await seedTenant();
    const caller = personCaller({ userId: t.user.id, companyId: t.companyId, role: "viewer" });
    const same = new Date("2026-02-03T10:00:00.000Z");
    const rows: NewCall[] = Array.from({ length: 23 }, (_, i) => ({
      id: createId("call"),
      companyId: t.companyId,
      retellCallId: createId("call").slice(5) + i,
      direction: "inbound",
      status: "ended",
      startedAt: i < 17 ? same : new Date(same.getTime() + (i - 16) * 1000),
      durationMs: 60_000,
    }));
    await getDb().insert(calls).values(rows);
    for (const limit of ["1", "2", "5", "16"]) {
      const { items } = await walk({ limit }, caller);
      expect(items.map((c) => c.id)).toEqual(await expectedIds(t.companyId));
      expect(new Set(items.map((c) => c.id)).size).toBe(23);
    }
  });
});

describe("GET /api/v1/calls — query plans (EXPLAIN on the demo data)", () => {
  type PlanRow = { table: string; type: string; key: string | null; Extra: string | null };
  const explain = async (filters: Parameters<typeof callFilterConditions>[0], cursor?: { startedAt: Date; id: string }) => {
    const { sql, params } = callPageQuery(acme, callFilterConditions(filters), cursor, 26, pickCallIndex(filters)).toSQL();
    return (await sqlRows<PlanRow>(`EXPLAIN ${sql}`, params)).find((r) => r.table === "calls")!;
  };

  it("reads pages as a range of (company_id, started_at, id), in index order (no filesort), at any depth", async () => {
    const [mid] = await sqlRows<{ id: string; started_at: Date }>(
      "SELECT id, started_at FROM calls WHERE company_id = ? ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET 300",
      [acme],
    );
    const first = await explain({});
    expect(first).toMatchObject({ key: "calls_company_started_idx", type: expect.stringMatching(/^(ref|range)$/) });
    expect(first.Extra ?? "").not.toContain("filesort");
    // Past the first page (or inside a date range) the index is entered at the cursor: a range, not a scan from the newest call.
    for (const plan of [
      await explain({}, { startedAt: mid!.started_at, id: mid!.id }),
      await explain({ from: new Date(Date.now() - 30 * 86_400_000) }),
    ]) {
      expect(plan).toMatchObject({ key: "calls_company_started_idx", type: "range" });
      expect(plan.Extra ?? "").not.toContain("filesort");
    }
  });

  it.each([
    [{ status: "error" }, "calls_company_status_started_idx"],
    [{ sentiment: "negative", direction: "inbound" }, "calls_company_sentiment_started_idx"],
    [{ direction: "outbound" }, "calls_company_direction_started_idx"],
    [{ customerId: "cus_x", status: "ended" }, "calls_company_customer_started_idx"],
  ] as const)("filters %j read their own index, still without a filesort", async (filters, key) => {
    const plan = await explain(filters);
    expect(plan.key).toBe(key);
    expect(plan.Extra ?? "").not.toContain("filesort");
  });
});

describe("GET /api/v1/calls — filters", () => {
  it.each([
    ["status", "ended", "status = ?"],
    ["status", "error", "status = ?"],
    ["status", "ongoing", "status = ?"],
    ["direction", "outbound", "direction = ?"],
    ["direction", "inbound", "direction = ?"],
    ["sentiment", "negative", "sentiment = ?"],
    ["sentiment", "positive", "sentiment = ?"],
  ])("%s=%s returns exactly the matching calls", async (field, value, where) => {
    const { items } = await walk({ [field]: value, limit: "100" });
    const expected = await expectedIds(acme, where, [value]);
    expect(expected.length).toBeGreaterThan(0);
    expect(items.map((c) => c.id)).toEqual(expected);
    expect(items.every((c) => (c as Record<string, unknown>)[field] === value)).toBe(true);
  });

  it("customerId narrows to that customer's calls; combined filters intersect", async () => {
    const [top] = await sqlRows<{ customer_id: string; n: number }>(
      "SELECT customer_id, COUNT(*) n FROM calls WHERE company_id = ? AND customer_id IS NOT NULL GROUP BY customer_id ORDER BY n DESC LIMIT 1",
      [acme],
    );
    const { items } = await walk({ customerId: top!.customer_id, limit: "5" });
    expect(items).toHaveLength(Number(top!.n));
    expect(items.every((c) => c.customer?.id === top!.customer_id)).toBe(true);

    const both = await walk({ customerId: top!.customer_id, direction: "inbound", limit: "100" });
    expect(both.items.map((c) => c.id)).toEqual(await expectedIds(acme, "customer_id = ? AND direction = 'inbound'", [top!.customer_id]));
  });

  it("from/to as instants: from inclusive, to exclusive", async () => {
    const [a, b] = await sqlRows<{ started_at: Date }>(
      "SELECT started_at FROM calls WHERE company_id = ? ORDER BY started_at DESC LIMIT 2 OFFSET 100",
      [acme],
    );
    const from = new Date(b!.started_at.getTime() - 20 * 86_400_000).toISOString();
    const to = a!.started_at.toISOString();
    const { items } = await walk({ from, to, limit: "100" });
    expect(items.map((c) => c.id)).toEqual(await expectedIds(acme, "started_at >= ? AND started_at < ?", [new Date(from), new Date(to)]));
    expect(items.some((c) => c.startedAt === to)).toBe(false);
  });

  it("from/to as days are whole local days of the company (America/New_York)", async () => {
    const all = await sqlRows<{ id: string; started_at: Date }>(
      "SELECT id, started_at FROM calls WHERE company_id = ? ORDER BY started_at DESC, id DESC",
      [acme],
    );
    const day = localDate(all[200]!.started_at, "America/New_York");
    const expected = all.filter((r) => localDate(r.started_at, "America/New_York") === day).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    const { items } = await walk({ from: day, to: day, limit: "100" });
    expect(items.map((c) => c.id)).toEqual(expected);

    const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const two = await walk({ from: day, to: next, limit: "100" });
    expect(two.items.map((c) => c.id)).toEqual(
      all.filter((r) => [day, next].includes(localDate(r.started_at, "America/New_York"))).map((r) => r.id),
    );
  });

  it("q finds transcript words (FULLTEXT, all words, prefix) and strips boolean operators", async () => {
    const { items } = await walk({ q: "insurance", limit: "100" });
    const withWord = await expectedIds(acme, "transcript REGEXP '\\\\binsurance'");
    expect(withWord.length).toBeGreaterThan(0);
    // Every transcript hit is found; anything else found is a customer match (names, not transcripts).
    expect(items.map((c) => c.id)).toEqual(expect.arrayContaining(withWord));
    const extra = items.filter((c) => !withWord.includes(c.id));
    const customerIds = new Set(
      (await sqlRows<{ id: string }>("SELECT id FROM customers WHERE company_id = ? AND name LIKE '%insurance%'", [acme])).map((r) => r.id),
    );
    expect(extra.every((c) => c.customer && customerIds.has(c.customer.id))).toBe(true);

    const both = await walk({ q: "insurance card", limit: "100" });
    expect(both.items.map((c) => c.id)).toEqual(
      await expectedIds(acme, "transcript REGEXP '\\\\binsurance' AND transcript REGEXP '\\\\bcard'"),
    );

    const operators = await list({ q: '+insurance -"(covers)* @~<>' });
    expect(operators.res.status).toBe(200);
    const tooShort = await list({ q: "a b" });
    expect(tooShort.res.status).toBe(200);
    expect(tooShort.body.data).toEqual([]);
  });

  it("q also matches the customer's name and phone digits", async () => {
    const [c] = await sqlRows<{ id: string; name: string; phone: string }>(
      `SELECT cu.id, cu.name, cu.phone FROM customers cu JOIN calls ca ON ca.company_id = cu.company_id AND ca.customer_id = cu.id
       WHERE cu.company_id = ? AND cu.phone IS NOT NULL GROUP BY cu.id ORDER BY COUNT(*) DESC LIMIT 1`,
      [acme],
    );
    const theirs = await expectedIds(acme, "customer_id = ?", [c!.id]);
    const byName = await walk({ q: c!.name, limit: "100" });
    expect(byName.items.map((x) => x.id)).toEqual(expect.arrayContaining(theirs));
    const byPhone = await walk({ q: c!.phone.slice(-7).replace(/(\d{3})(\d{4})/, "$1-$2"), limit: "100" });
    expect(byPhone.items.map((x) => x.id)).toEqual(expect.arrayContaining(theirs));
    expect(byPhone.items.every((x) => x.customer?.phone?.includes(c!.phone.slice(-7)))).toBe(true);
  });

  it("marks answered calls by the documented definition", async () => {
    const { items } = await walk({ limit: "100" });
    const answered = new Set(await expectedIds(acme, ANSWERED_SQL));
    expect(answered.size).toBeGreaterThan(0);
    expect(
      items
        .filter((c) => c.answered)
        .map((c) => c.id)
        .sort(),
    ).toEqual([...answered].sort());
  });

  it.each([
    [{ limit: "0" }, "limit"],
    [{ limit: "101" }, "limit"],
    [{ cursor: "not-a-cursor" }, "cursor"],
    [{ cursor: Buffer.from(JSON.stringify({ t: "yesterday", id: "x" })).toString("base64url") }, "cursor"],
    [{ status: "finished" }, "status"],
    [{ from: "2026-13-01" }, "from"],
    [{ from: "2026-03-02", to: "2026-03-01" }, "to"],
    [{ color: "blue" }, "color"],
  ])("refuses %j with 400 naming the field", async (query, field) => {
    const { res, body } = await list(query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(body.error?.code).toBe("validation_failed");
    expect(body.error?.details?.map((d) => d.field)).toContain(field);
  });
});

describe("GET /api/v1/calls — access and cache", () => {
  it("a viewer may read; an API key needs the calls:read scope; no gateway context is 401", async () => {
    expect((await list({ limit: "1" }, viewer)).res.status).toBe(200);
    expect((await list({ limit: "1" }, apiKeyCaller({ keyId: "key_test", companyId: acme, scopes: ["calls:read"] }))).res.status).toBe(200);
    const refused = await list(
      { limit: "1" },
      apiKeyCaller({ keyId: "key_test", companyId: acme, scopes: ["customers:read", "dashboard:read"] }),
    );
    expect(refused.res.status).toBe(403);
    expect(refused.body.error?.code).toBe("forbidden");
    expect((await LIST(await signedRequest("/api/v1/calls", { caller: null }))).status).toBe(401);
  });

  it("only ever shows the caller's company", async () => {
    const { items } = await walk({ limit: "100" }, globexOwner);
    expect(items.map((c) => c.id)).toEqual(await expectedIds(globex));
    const acmeIds = new Set(await expectedIds(acme));
    expect(items.some((c) => acmeIds.has(c.id))).toBe(false);
  });

  it("X-Cache: MISS, then HIT for the same filters; no-cache bypasses", async () => {
    const query = { limit: "13", direction: "outbound" };
    const first = await list(query);
    expect(first.res.headers.get("x-cache")).toBe("MISS");
    const second = await list(query);
    expect(second.res.headers.get("x-cache")).toBe("HIT");
    expect(second.body).toEqual(first.body);
    expect((await list({ ...query, limit: "14" })).res.headers.get("x-cache")).toBe("MISS");
    expect((await list(query, owner, { "cache-control": "no-cache" })).res.headers.get("x-cache")).toBe("BYPASS");
    // fields= (sparse fieldset, applied after the handler) is accepted and shares the entry.
    const sparse = await list({ ...query, fields: "id,startedAt" });
    expect(sparse.res.status).toBe(200);
    expect(sparse.res.headers.get("x-cache")).toBe("HIT");
    expect(sparse.body.data.map((c) => c.id)).toEqual(first.body.data.map((c) => c.id));
  });
});

describe("GET /api/v1/calls/{id}", () => {
  /** Every id this file has asked for: the cache test must read one nobody has (which rows the other tests pick moves with the date). */
  const read = new Set<string>();
  const get = async (id: string, caller: TestCaller = owner) => {
    read.add(id);
    const res = await GET_CALL(await signedRequest(`/api/v1/calls/${id}`, { caller }), routeParams({ id }));
    return { res, text: await res.clone().text(), body: (await res.json()) as { data: CallDetail; error?: { code: string } } };
  };

  it("shows transcript, turns, recording, analysis, customer and the appointment booked during the call", async () => {
    const [row] = await sqlRows<{
      id: string;
      transcript: string;
      recording_url: string;
      customer_id: string;
      appt: string;
      name: string;
      phone: string | null;
      email: string | null;
    }>(
      `SELECT c.id, c.transcript, c.recording_url, c.customer_id, a.id appt, cu.name, cu.phone, cu.email
       FROM calls c JOIN appointments a ON a.company_id = c.company_id AND a.source_call_id = c.id
       JOIN customers cu ON cu.company_id = c.company_id AND cu.id = c.customer_id
       WHERE c.company_id = ? ORDER BY c.started_at DESC LIMIT 1`,
      [acme],
    );
    const { res, body, text } = await get(row!.id, viewer);
    expect(res.status).toBe(200);
    const call = body.data;
    expect(call.id).toBe(row!.id);
    expect(call.transcript).toBe(row!.transcript);
    expect(call.transcriptTurns.length).toBe(row!.transcript.split("\n").length);
    expect(call.transcriptTurns[0]).toEqual({ speaker: "agent", text: expect.stringContaining("Thank you for calling") });
    expect(call.recordingUrl).toBe(row!.recording_url);
    expect(call.hasRecording).toBe(true);
    expect(call.analysis?.summary).toEqual(expect.any(String));
    expect(call.summary).toBe(call.analysis?.summary);
    expect(call.customer).toEqual({ id: row!.customer_id, name: row!.name, phone: row!.phone, email: row!.email });
    expect(call.appointment?.id).toBe(row!.appt);
    // Internal columns never leave: no company id, Retell id or cost.
    expect(text).not.toContain(acme);
    expect(text).not.toMatch(/companyId|retellCallId|costCents|cost_cents|company_id/);
    expect(Object.keys(call).sort()).toEqual(
      [
        "id",
        "direction",
        "status",
        "answered",
        "startedAt",
        "endedAt",
        "durationSec",
        "fromNumber",
        "toNumber",
        "sentiment",
        "summary",
        "hasRecording",
        "customer",
        "agentId",
        "disconnectionReason",
        "transcript",
        "transcriptTurns",
        "recordingUrl",
        "analysis",
        "appointment",
        "createdAt",
        "updatedAt",
      ].sort(),
    );
  });

  it("a call without an appointment or customer says null", async () => {
    const [row] = await sqlRows<{ id: string }>(
      `SELECT c.id FROM calls c WHERE c.company_id = ? AND c.customer_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.company_id = c.company_id AND a.source_call_id = c.id) LIMIT 1`,
      [acme],
    );
    const { body } = await get(row!.id);
    expect(body.data.customer).toBeNull();
    expect(body.data.appointment).toBeNull();
  });

  it("another company's call is 404, like an unknown id; its own company sees it", async () => {
    const [theirs] = await expectedIds(globex);
    expect((await get(theirs!)).res.status).toBe(404);
    expect((await get(theirs!)).body.error?.code).toBe("not_found");
    expect((await get("call_00000000000000000000000000")).res.status).toBe(404);
    expect((await get(theirs!, globexOwner)).res.status).toBe(200);
  });

  it("needs calls:read; X-Cache MISS then HIT", async () => {
    const id = (await expectedIds(acme, "status = 'ended'")).find((c) => !read.has(c));
    expect(id).toBeDefined();
    expect((await get(id!, apiKeyCaller({ keyId: "key_test", companyId: acme, scopes: ["dashboard:read"] }))).res.status).toBe(403);
    expect((await get(id!)).res.headers.get("x-cache")).toBe("MISS");
    expect((await get(id!)).res.headers.get("x-cache")).toBe("HIT");
  });
});

describe("listCallsForExport", () => {
  it("streams every matching call in keyset batches, in list order", async () => {
    const batches: number[] = [];
    const ids: string[] = [];
    const { rows } = await listCallsForExport(
      acme,
      {},
      async (batch) => {
        batches.push(batch.length);
        ids.push(...batch.map((c) => c.id));
      },
      { batchSize: 100 },
    );
    const expected = await expectedIds(acme);
    expect(rows).toBe(expected.length);
    expect(ids).toEqual(expected);
    expect(batches.slice(0, -1).every((n) => n === 100)).toBe(true);
    expect(batches).toHaveLength(Math.ceil(expected.length / 100));
  });

  it("uses batches of 1 000 by default, applies the filters, and refuses invalid ones", async () => {
    const batches: number[] = [];
    const { rows } = await listCallsForExport(acme, { direction: "outbound", status: "ended" }, (b) => void batches.push(b.length));
    expect(rows).toBe((await expectedIds(acme, "direction = 'outbound' AND status = 'ended'")).length);
    expect(batches).toEqual([rows]);
    await expect(listCallsForExport(acme, { status: "nope" } as never, () => undefined)).rejects.toThrow();
  });
});
