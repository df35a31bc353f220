import { createHash } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as EXPORT } from "@/app/api/v1/calls/export/route";
import { GET as LIST } from "@/app/api/v1/calls/route";
import { GET as DOWNLOAD } from "@/app/api/v1/exports/[id]/download/route";
import { GET as STATUS } from "@/app/api/v1/exports/[id]/route";
import { closeDb, getDb } from "@/lib/db/client";
import { calls, type NewCall } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";
import { exports } from "@/lib/db/schema/exports";
import { files } from "@/lib/db/schema/files";
import { appEnv } from "@/lib/env/app";
import { createId } from "@/lib/ids/create-id";
import { enqueue } from "@/lib/jobs/enqueue";
import { listDeadLetters } from "@/lib/jobs/dead-letters";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker/start-worker";
import type { CallListItem } from "@/lib/services/calls/schemas";
import { countCallsForExport } from "@/lib/services/exports/count-calls-for-export";
import { csvCell } from "@/lib/services/exports/csv-cell";
import type { ExportView } from "@/lib/services/exports/schemas";
import { assertStorageKey } from "@/lib/storage";
import { seedDemoForApi, sqlRows } from "../helpers/demo-data";
import { inspectQueue } from "../helpers/jobs-queue";
import { waitFor } from "../helpers/jobs-wait";
import { seedTenant } from "../helpers/seed-rows";
import { apiKeyCaller, personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";

/**
 * Fault injection in the file store the export job writes through: `failures` writes numbered
 * `failAt` (1 = the header, 2 = the first batch …) throw, once each, across attempts; `onWrite`
 * sees every write before it happens.
 */
const faults = vi.hoisted(() => ({
  failures: 0,
  failAt: 2,
  onWrite: null as null | ((key: string, n: number) => Promise<void>),
}));

vi.mock("@/lib/storage/file-store-for", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/storage/file-store-for")>();
  return {
    ...actual,
    fileStore: (...args: Parameters<typeof actual.fileStore>) => {
      const real = actual.fileStore(...args);
      return {
        ...real,
        async createWriter(key: string) {
          const writer = await real.createWriter(key);
          let n = 0;
          return {
            ...writer,
            async write(chunk: string | Uint8Array) {
              n++;
              await faults.onWrite?.(key, n);
              if (faults.failures > 0 && n === faults.failAt) {
                faults.failures--;
                throw new Error("injected: disk on fire at /secret/path");
              }
              return writer.write(chunk);
            },
          };
        },
      };
    },
  };
});

const HEADER = [
  "id",
  "started_at",
  "direction",
  "status",
  "answered",
  "duration_seconds",
  "from",
  "to",
  "customer_name",
  "customer_phone",
  "sentiment",
  "summary",
];

type Body<T> = { data: T; error?: { code: string; message: string; details?: Array<{ field: string }> } };

let acme: string;
let owner: TestCaller;
let member: TestCaller;
let viewer: TestCaller;
let globexOwner: TestCaller;
let worker: RunningWorker | undefined;
const exportsQueue = inspectQueue("exports");
const touchedCompanies = new Set<string>();

beforeAll(async () => {
  const { ids } = await seedDemoForApi();
  acme = ids.companies.acme;
  owner = personCaller({ userId: ids.users["owner@acme.test"]!, companyId: acme, role: "owner" });
  member = personCaller({ userId: ids.users["member@acme.test"]!, companyId: acme, role: "member" });
  viewer = personCaller({ userId: ids.users["viewer@acme.test"]!, companyId: acme, role: "viewer" });
  globexOwner = personCaller({ userId: ids.users["owner@globex.test"]!, companyId: ids.companies.globex, role: "owner" });
  touchedCompanies.add(acme).add(ids.companies.globex);
});

afterAll(async () => {
  await worker?.close();
  await exportsQueue.close();
  await closeDb();
  for (const companyId of touchedCompanies)
    await rm(path.resolve(appEnv().DATA_DIR, "exports", companyId), { recursive: true, force: true });
});

const startTestWorker = async () =>
  (worker ??= await startWorker({ queues: ["exports"], schedules: false, backoffMs: 20, heartbeatMs: 200, outboxBlockMs: 100 }));

async function requestExport(body: unknown, caller: TestCaller = owner, headers: Record<string, string> = {}) {
  const res = await EXPORT(await signedRequest("/api/v1/calls/export", { method: "POST", caller, body, headers }));
  return { res, body: (await res.json()) as Body<ExportView> };
}

async function exportStatus(id: string, caller: TestCaller = owner) {
  const res = await STATUS(await signedRequest(`/api/v1/exports/${id}`, { caller }), routeParams({ id }));
  return { res, body: (await res.json()) as Body<ExportView> };
}

const download = async (id: string, caller: TestCaller = owner) =>
  DOWNLOAD(await signedRequest(`/api/v1/exports/${id}/download`, { caller }), routeParams({ id }));

async function waitFinished(id: string, caller: TestCaller = owner): Promise<ExportView> {
  await startTestWorker();
  return waitFor(
    async () => {
      const { body } = await exportStatus(id, caller);
      return body.data.status === "done" || body.data.status === "failed" ? body.data : undefined;
    },
    { timeoutMs: 25_000, everyMs: 50, what: `export ${id} finished` },
  );
}

/** Every page of GET /api/v1/calls for these filters (bypassing the cache), in order. */
async function walkCalls(filters: Record<string, string>, caller: TestCaller = owner): Promise<CallListItem[]> {
  const items: CallListItem[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ ...filters, limit: "100", ...(cursor ? { cursor } : {}) });
    const res = await LIST(await signedRequest(`/api/v1/calls?${query}`, { caller, headers: { "cache-control": "no-cache" } }));
    const body = (await res.json()) as Body<CallListItem[]> & { meta: { nextCursor: string | null } };
    expect(res.status, JSON.stringify(body.error)).toBe(200);
    items.push(...body.data);
    cursor = body.meta.nextCursor;
  } while (cursor);
  return items;
}

/** An RFC 4180 reader written independently of the code under test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell === "") {
      quoted = true;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += ch;
    }
  }
  if (cell !== "" || row.length > 0) throw new Error("CSV does not end with CRLF");
  return rows;
}

/** Downloads a done export and parses it; checks the response headers and the recorded SHA-256 on the way. */
async function downloadCsv(view: ExportView, caller: TestCaller = owner): Promise<{ text: string; rows: string[][] }> {
  const res = await download(view.id, caller);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="calls-\d{4}-\d{2}-\d{2}\.csv"$/);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(Number(res.headers.get("content-length"))).toBe(bytes.byteLength);
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(view.file!.sha256);
  const text = bytes.toString("utf8");
  const rows = parseCsv(text);
  for (const r of rows) expect(r).toHaveLength(HEADER.length);
  return { text, rows };
}

const exportRowCount = async (companyId: string) =>
  (await sqlRows<{ n: number }>("SELECT COUNT(*) AS n FROM exports WHERE company_id = ?", [companyId]))[0]!.n;

/** A fresh company with `n` calls (one a minute, newest last), for exports whose content the test controls. */
async function tenantWithCalls(n: number, shape: (i: number) => Partial<NewCall> = () => ({})) {
  const t = await seedTenant({ role: "member" });
  touchedCompanies.add(t.companyId);
  const base = Date.parse("2026-01-05T09:00:00.000Z");
  const rows: NewCall[] = Array.from({ length: n }, (_, i) => ({
    id: createId("call", { at: base + i * 60_000 }),
    companyId: t.companyId,
    retellCallId: `rt_${createId("call").slice(5)}_${i}`,
    direction: "inbound",
    status: "ended",
    startedAt: new Date(base + i * 60_000),
    durationMs: 42_000,
    fromNumber: "+15550001111",
    toNumber: "+15559990000",
    ...shape(i),
  }));
  for (let i = 0; i < rows.length; i += 1_000)
    await getDb()
      .insert(calls)
      .values(rows.slice(i, i + 1_000));
  return { ...t, caller: personCaller({ userId: t.user.id, companyId: t.companyId, role: "member" }) };
}

describe("POST /api/v1/calls/export — request (no worker running yet)", () => {
  let queued: ExportView;

  it("answers 202 with the queued export and its Location, stores the row and queues a job named by the export id", async () => {
    const before = await exportRowCount(acme);
    const { res, body } = await requestExport({ direction: "inbound" });
    expect(res.status, JSON.stringify(body.error)).toBe(202);
    queued = body.data;
    expect(queued).toMatchObject({
      kind: "calls_csv",
      status: "queued",
      progress: 0,
      rowCount: null,
      error: null,
      downloadUrl: null,
      file: null,
      filters: { direction: "inbound" },
    });
    expect(queued.id).toMatch(/^exp_/);
    expect(queued.requestedBy).toBe(owner.uid);
    expect(res.headers.get("location")).toBe(`/api/v1/exports/${queued.id}`);
    expect(res.headers.get("idempotent-replayed")).toBeNull();
    expect(await exportRowCount(acme)).toBe(before + 1);
    const [row] = await getDb().select().from(exports).where(eq(exports.id, queued.id));
    expect(row).toMatchObject({ companyId: acme, requestedBy: owner.uid, status: "queued", filters: { direction: "inbound" } });
  });

  it("status says queued, and the download answers 409 until the export is done", async () => {
    const { res, body } = await exportStatus(queued.id);
    expect(res.status).toBe(200);
    expect(body.data).toMatchObject({ id: queued.id, status: "queued", progress: 0, downloadUrl: null });
    const early = await download(queued.id);
    expect(early.status).toBe(409);
    expect(((await early.json()) as Body<unknown>).error!.code).toBe("conflict");
  });

  it("once a worker runs, the same export is built and becomes downloadable", async () => {
    const done = await waitFinished(queued.id);
    expect(done).toMatchObject({ status: "done", progress: 100, error: null, downloadUrl: `/api/v1/exports/${queued.id}/download` });
    const job = await exportsQueue.job(queued.id);
    expect(job).toMatchObject({ state: "completed", attemptsStarted: 1 });
    const { rows } = await downloadCsv(done);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1).map((r) => r[0])).toEqual((await walkCalls({ direction: "inbound" })).map((c) => c.id));
  });

  it("refuses invalid filters with 400 and creates nothing", async () => {
    const before = await exportRowCount(acme);
    for (const body of [{ status: "nope" }, { from: "2026-03-10", to: "2026-03-01" }, { unknownField: 1 }, { q: "" }]) {
      const { res, body: out } = await requestExport(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(out.error!.code).toBe("validation_failed");
    }
    const notJson = await EXPORT(
      await signedRequest("/api/v1/calls/export", {
        method: "POST",
        caller: owner,
        body: "direction=inbound",
        headers: { "content-type": "text/plain" },
      }),
    );
    expect(notJson.status).toBe(415);
    expect(await exportRowCount(acme)).toBe(before);
  });
});

describe("who may export", () => {
  let acmeExport: string;

  beforeAll(async () => {
    const { body } = await requestExport({ sentiment: "negative" }, member);
    acmeExport = body.data.id;
    await waitFinished(acmeExport);
  });

  it("a viewer (no calls:export) gets 403 on request, status and download", async () => {
    const before = await exportRowCount(acme);
    const { res, body } = await requestExport({}, viewer);
    expect(res.status).toBe(403);
    expect(body.error!.code).toBe("forbidden");
    expect(await exportRowCount(acme)).toBe(before);
    expect((await exportStatus(acmeExport, viewer)).res.status).toBe(403);
    expect((await download(acmeExport, viewer)).status).toBe(403);
  });

  it("an API key needs the calls:export scope (calls:read is not enough); with it the export is the key's", async () => {
    const readOnly = apiKeyCaller({ keyId: "key_readonly", companyId: acme, scopes: ["calls:read"] });
    expect((await requestExport({}, readOnly)).res.status).toBe(403);
    expect((await exportStatus(acmeExport, readOnly)).res.status).toBe(403);
    const exporter = apiKeyCaller({ keyId: "key_exporter", companyId: acme, scopes: ["calls:export"] });
    const { res, body } = await requestExport({ status: "error" }, exporter);
    expect(res.status).toBe(202);
    expect(body.data.requestedBy).toBe("key_exporter");
    expect((await exportStatus(body.data.id, exporter)).body.data.id).toBe(body.data.id);
  });

  it("another company's export answers 404 on status and download (never 403), and an unknown id too", async () => {
    const status = await exportStatus(acmeExport, globexOwner);
    expect(status.res.status).toBe(404);
    expect(status.body.error!.code).toBe("not_found");
    const file = await download(acmeExport, globexOwner);
    expect(file.status).toBe(404);
    expect(((await file.json()) as Body<unknown>).error!.code).toBe("not_found");
    expect((await exportStatus("exp_00000000000000000000000000", owner)).res.status).toBe(404);
    // and the owner still gets it
    expect((await download(acmeExport, owner)).status).toBe(200);
  });
});

describe("Idempotency-Key", () => {
  it("the same key returns the same export, not a new one; another key makes a new one", async () => {
    const key = `idem-${createId("request")}`;
    const first = await requestExport({ status: "ended" }, owner, { "idempotency-key": key });
    expect(first.res.status).toBe(202);
    const before = await exportRowCount(acme);
    const again = await requestExport({ status: "ended" }, member, { "idempotency-key": key });
    expect(again.res.status).toBe(202);
    expect(again.body.data.id).toBe(first.body.data.id);
    expect(again.res.headers.get("idempotent-replayed")).toBe("true");
    expect(again.res.headers.get("location")).toBe(`/api/v1/exports/${first.body.data.id}`);
    expect(await exportRowCount(acme)).toBe(before);
    const other = await requestExport({ status: "ended" }, owner, { "idempotency-key": `${key}-2` });
    expect(other.body.data.id).not.toBe(first.body.data.id);
    expect(await exportRowCount(acme)).toBe(before + 1);
  });

  it("concurrent requests with one key create exactly one export", async () => {
    const key = `race-${createId("request")}`;
    const before = await exportRowCount(acme);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => requestExport({ direction: "outbound" }, owner, { "idempotency-key": key })),
    );
    expect(results.map((r) => r.res.status)).toEqual(Array(6).fill(202));
    expect(new Set(results.map((r) => r.body.data.id)).size).toBe(1);
    expect(results.filter((r) => r.res.headers.get("idempotent-replayed") === null)).toHaveLength(1);
    expect(await exportRowCount(acme)).toBe(before + 1);
  });

  it("the same key with other filters is refused (422); the key is scoped to the company; a malformed key is 400", async () => {
    const key = `scope-${createId("request")}`;
    const first = await requestExport({ sentiment: "positive" }, owner, { "idempotency-key": key });
    const changed = await requestExport({ sentiment: "neutral" }, owner, { "idempotency-key": key });
    expect(changed.res.status).toBe(422);
    expect(changed.body.error!.code).toBe("unprocessable_entity");
    const elsewhere = await requestExport({ sentiment: "positive" }, globexOwner, { "idempotency-key": key });
    expect(elsewhere.res.status).toBe(202);
    expect(elsewhere.body.data.id).not.toBe(first.body.data.id);
    expect(elsewhere.res.headers.get("idempotent-replayed")).toBeNull();
    const bad = await requestExport({}, owner, { "idempotency-key": "x".repeat(256) });
    expect(bad.res.status).toBe(400);
  });
});

describe("the CSV", () => {
  it.each([
    ["every call", {}],
    [
      "inbound, negative, in a date range",
      { direction: "inbound", sentiment: "negative", from: "2026-01-01", to: new Date().toISOString().slice(0, 10) },
    ],
    ["a text search", { q: "insurance" }],
    ["ended calls of the last 30 days", { status: "ended", from: new Date(Date.now() - 30 * 86_400_000).toISOString() }],
  ] as const)("%s: exactly the rows GET /api/v1/calls returns for the same filters, in order, plus a header", async (_name, filters) => {
    const { body } = await requestExport(filters);
    const done = await waitFinished(body.data.id);
    expect(done.status).toBe("done");
    const listed = await walkCalls(filters);
    expect(listed.length).toBeGreaterThan(0);
    const { rows } = await downloadCsv(done);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1).map((r) => r[0])).toEqual(listed.map((c) => c.id));
    expect(done.rowCount).toBe(listed.length);
    expect(done.file!.filename).toMatch(/^calls-\d{4}-\d{2}-\d{2}\.csv$/);
    // The count progress is measured against matches what the list returns.
    expect(await countCallsForExport(acme, filters)).toBe(listed.length);
  });

  it("each row carries the list's values, column by column, and nothing internal", async () => {
    const { body } = await requestExport({});
    const done = await waitFinished(body.data.id);
    const { rows, text } = await downloadCsv(done);
    const listed = await walkCalls({});
    const withCustomer = listed.findIndex((c) => c.customer !== null && c.summary !== null);
    expect(withCustomer).toBeGreaterThanOrEqual(0);
    for (const i of [0, withCustomer, listed.length - 1]) {
      const c = listed[i]!;
      expect(rows[i + 1]).toEqual([
        c.id,
        c.startedAt,
        c.direction,
        c.status,
        String(c.answered),
        c.durationSec === null ? "" : String(c.durationSec),
        c.fromNumber ?? "",
        c.toNumber ?? "",
        c.customer?.name ?? "",
        c.customer?.phone ?? "",
        c.sentiment ?? "",
        c.summary ?? "",
      ]);
    }
    expect(text).not.toContain(acme);
    expect(text).not.toMatch(/retell|cost_cents|transcript/i);
  });

  it("a formula-looking value is neutralised with a leading quote; quotes, commas and line breaks survive; plain phone numbers stay as they are", async () => {
    const summaries = [
      '=HYPERLINK("http://evil.test","click me")',
      "+cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(A1:A9)",
      'Booked a cleaning, said "thanks"\nand hung up',
      "\t=1+1",
    ];
    const t = await tenantWithCalls(summaries.length, (i) => ({
      analysis: { call_summary: summaries[i] },
      toNumber: i === 0 ? "=2+2" : "+15559990000",
    }));
    const customerId = createId("customer");
    await getDb().insert(customers).values({ id: customerId, companyId: t.companyId, name: "=IMPORTXML(A1)", phone: "+15551234567" });
    await getDb().update(calls).set({ customerId }).where(eq(calls.companyId, t.companyId));

    const { body } = await requestExport({}, t.caller);
    const done = await waitFinished(body.data.id, t.caller);
    const { rows, text } = await downloadCsv(done, t.caller);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const listed = await walkCalls({}, t.caller);
    expect(listed).toHaveLength(summaries.length);
    for (const call of listed) {
      const row = byId.get(call.id)!;
      const summary = row[HEADER.indexOf("summary")]!;
      if (/^[=+\-@\t]/.test(call.summary!)) expect(summary).toBe(`'${call.summary}`);
      else expect(summary).toBe(call.summary);
      expect(row[HEADER.indexOf("customer_name")]).toBe("'=IMPORTXML(A1)");
      expect(row[HEADER.indexOf("customer_phone")]).toBe("+15551234567");
      expect(row[HEADER.indexOf("from")]).toBe("+15550001111");
    }
    expect(rows.some((r) => r[HEADER.indexOf("to")] === "'=2+2")).toBe(true);
    // No raw cell of the file starts a formula: after the delimiter (and an opening quote) comes no = + - @ except in a plain phone number.
    for (const line of text.split("\r\n").slice(1)) expect(line).not.toMatch(/(^|,)"?[=@-]/);
    expect(text).toContain('"Booked a cleaning, said ""thanks""\nand hung up"');
    expect(csvCell('=1+"2"')).toBe(`"'=1+""2"""`);
  });

  it("progress follows the COUNT batch by batch (1 000 rows a batch), and is 100 only when done", async () => {
    const t = await tenantWithCalls(2_500);
    const seen: number[] = [];
    faults.onWrite = async (key) => {
      if (!key.includes(t.companyId)) return;
      const [row] = await getDb()
        .select({ progress: exports.progress, status: exports.status })
        .from(exports)
        .where(eq(exports.companyId, t.companyId));
      seen.push(row!.progress);
      expect(row!.status).toBe("running");
    };
    try {
      const { body } = await requestExport({}, t.caller);
      const done = await waitFinished(body.data.id, t.caller);
      expect(done).toMatchObject({ status: "done", progress: 100, rowCount: 2_500 });
      // header, batch 1 (0 %), batch 2 (after 1 000 of 2 500: 40 %), batch 3 (80 %)
      expect(seen).toEqual([0, 0, 40, 80]);
      const { rows } = await downloadCsv(done, t.caller);
      expect(rows).toHaveLength(2_501);
      expect(rows.slice(1).map((r) => r[0])).toEqual((await walkCalls({}, t.caller)).map((c) => c.id));
    } finally {
      faults.onWrite = null;
    }
  });
});

describe("the job: retries and failures", () => {
  const dirOf = (companyId: string) => path.resolve(appEnv().DATA_DIR, "exports", companyId);

  it("a run that fails once (storage throws mid-file) is retried and completes with a correct file, leaving no partial file behind", async () => {
    const t = await tenantWithCalls(1_500);
    faults.failAt = 3; // the second batch: the first 1 000 rows are already written when it throws
    faults.failures = 1;
    try {
      const { body } = await requestExport({}, t.caller);
      const done = await waitFinished(body.data.id, t.caller);
      expect(faults.failures).toBe(0);
      expect(done).toMatchObject({ status: "done", progress: 100, rowCount: 1_500, error: null });
      expect(await exportsQueue.job(body.data.id)).toMatchObject({ state: "completed", attemptsStarted: 2 });
      const { rows } = await downloadCsv(done, t.caller);
      expect(rows).toHaveLength(1_501);
      expect(rows.slice(1).map((r) => r[0])).toEqual((await walkCalls({}, t.caller)).map((c) => c.id));
      expect(await readdir(dirOf(t.companyId))).toEqual([`${body.data.id}.csv`]);
      // one file row, pointing at the file on disk
      const fileRows = await getDb().select().from(files).where(eq(files.companyId, t.companyId));
      expect(fileRows).toHaveLength(1);
      expect(fileRows[0]).toMatchObject({
        storage: "local",
        path: `exports/${t.companyId}/${body.data.id}.csv`,
        sizeBytes: done.file!.sizeBytes,
        sha256: done.file!.sha256,
      });
      const onDisk = await readFile(path.join(dirOf(t.companyId), `${body.data.id}.csv`));
      expect(createHash("sha256").update(onDisk).digest("hex")).toBe(fileRows[0]!.sha256);
    } finally {
      faults.failures = 0;
      faults.failAt = 2;
    }
  });

  it("a run that fails every attempt ends failed with a safe message (no internal detail), a dead letter, and no file", async () => {
    const t = await tenantWithCalls(10);
    faults.failAt = 2;
    faults.failures = 100;
    try {
      const { body } = await requestExport({}, t.caller);
      const failed = await waitFinished(body.data.id, t.caller);
      expect(failed).toMatchObject({ status: "failed", downloadUrl: null, file: null, rowCount: null });
      expect(failed.error).toMatch(/could not be built/);
      expect(failed.error).not.toMatch(/injected|secret|disk/);
      expect(await exportsQueue.job(body.data.id)).toMatchObject({ state: "failed", attemptsStarted: 5 });
      expect((await listDeadLetters({ limit: 1_000 })).some((d) => d.jobId === body.data.id)).toBe(true);
      const res = await download(body.data.id, t.caller);
      expect(res.status).toBe(409);
      expect(((await res.json()) as Body<unknown>).error!.message).toMatch(/failed/);
      expect(await readdir(dirOf(t.companyId))).toEqual([]);
    } finally {
      faults.failures = 0;
    }
  });

  it("filters that no longer validate fail the export at once, without retries", async () => {
    const t = await tenantWithCalls(3);
    const id = createId("export");
    await getDb()
      .insert(exports)
      .values({ id, companyId: t.companyId, requestedBy: t.user.id, kind: "calls_csv", filters: { status: "bogus" } });
    await enqueue("export", { exportId: id, companyId: t.companyId, kind: "calls_csv" }, { jobId: id });
    const failed = await waitFinished(id, t.caller);
    expect(failed).toMatchObject({ status: "failed", error: expect.stringMatching(/filters are no longer valid/) });
    expect((await exportStatus(id, t.caller)).res.status).toBe(200);
    expect(await exportsQueue.job(id)).toMatchObject({ state: "failed", attemptsStarted: 1 });
  });

  it("running a done export again changes nothing; a job for a missing export completes without effect", async () => {
    const t = await tenantWithCalls(5);
    const { body } = await requestExport({}, t.caller);
    const done = await waitFinished(body.data.id, t.caller);
    const again = await enqueue("export", { exportId: done.id, companyId: t.companyId, kind: "calls_csv" }, { jobId: `${done.id}-again` });
    const job = await waitFor(
      async () => {
        const j = await exportsQueue.job(again.jobId);
        return j?.state === "completed" ? j : undefined;
      },
      { what: "second run" },
    );
    expect(job.returnvalue).toEqual({ status: "skipped", reason: "already_done" });
    expect((await exportStatus(done.id, t.caller)).body.data).toMatchObject({
      status: "done",
      finishedAt: done.finishedAt,
      file: done.file,
    });

    const ghost = await enqueue("export", { exportId: "exp_ghost", companyId: t.companyId, kind: "calls_csv" }, { jobId: "exp_ghost" });
    const ghostJob = await waitFor(
      async () => {
        const j = await exportsQueue.job(ghost.jobId);
        return j?.state === "completed" ? j : undefined;
      },
      { what: "ghost run" },
    );
    expect(ghostJob.returnvalue).toEqual({ status: "skipped", reason: "not_found" });
  });

  it("a file that changed on disk after it was recorded is never served whole", async () => {
    const t = await tenantWithCalls(20, (i) => ({ analysis: { call_summary: `summary ${i}` } }));
    const { body } = await requestExport({}, t.caller);
    const done = await waitFinished(body.data.id, t.caller);
    const file = path.join(dirOf(t.companyId), `${done.id}.csv`);
    const original = await readFile(file);
    // same size, one byte different: the size check passes, the SHA-256 check must not
    const tampered = Buffer.from(original);
    tampered[tampered.length - 3] = tampered[tampered.length - 3] === 0x31 ? 0x32 : 0x31;
    await writeFile(file, tampered);
    const res = await download(done.id, t.caller);
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
    // truncated: refused before any byte is sent
    await writeFile(file, original.subarray(0, 10));
    expect((await download(done.id, t.caller)).status).toBe(500);
    await rm(file);
    expect((await download(done.id, t.caller)).status).toBe(404);
  });
});

describe("file storage keys", () => {
  it("refuse anything that could leave the storage root", () => {
    for (const bad of ["../etc/passwd", "exports/../../x", "/abs/path", "exports//x", ".hidden", "exports/co_1/..", "a\\b", ""]) {
      expect(() => assertStorageKey(bad), bad).toThrow();
    }
    expect(assertStorageKey("exports/co_1/exp_1.csv")).toBe("exports/co_1/exp_1.csv");
  });
});
