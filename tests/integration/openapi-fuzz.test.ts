import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakes, type Fakes } from "@/fakes";
import { closeDb } from "@/lib/db/client";
import { createId } from "@/lib/ids/create-id";
import { VENDORS, type Vendor } from "@/lib/integrations/http/vendor-error";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";
import type { JsonObject } from "@/lib/openapi/types";
import { seedTenant } from "../helpers/seed-rows";
import { personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";

/**
 * Every operation of the OpenAPI document (read at run time, so routes added later are covered),
 * called in-process with a valid caller and generated malformed input — wrong types, huge and odd
 * strings, deep nesting, bad encodings, unknown fields, bad ids in every path parameter. Whatever
 * arrives, the answer is never a 5xx, and every error is the envelope with the response's request id.
 * A fixed seed and a bounded number of runs per operation keep it reproducible and short.
 */
const SEED = 20261207;
const RUNS = 30;

type Handler = (req: Request, segment?: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Operation {
  method: string;
  path: string;
  file: string;
  pathParams: Array<{ name: string; schema: JsonObject }>;
  queryParams: Array<{ name: string; schema: JsonObject }>;
  body: JsonObject | null;
}

const ROUTE_MODULES = import.meta.glob<Record<string, Handler>>("../../app/api/**/route.ts");
const ENV_URL: Record<Vendor, string> = {
  retell: "RETELL_API_URL",
  calcom: "CALCOM_API_URL",
  stripe: "STRIPE_API_URL",
  sendgrid: "SENDGRID_API_URL",
};

function operations(): Operation[] {
  const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, JsonObject>> };
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const params = ((op.parameters as JsonObject[] | undefined) ?? []).filter((p) => !("$ref" in p));
      const pick = (where: string) =>
        params.filter((p) => p.in === where).map((p) => ({ name: p.name as string, schema: (p.schema ?? {}) as JsonObject }));
      const body = (op.requestBody as { content?: Record<string, { schema?: JsonObject }> } | undefined)?.content?.["application/json"]
        ?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        file: `../../app${path.replace(/\{([^}]+)\}/g, "[$1]")}/route.ts`,
        pathParams: pick("path"),
        queryParams: pick("query"),
        body: body ?? null,
      });
    }
  }
  return out;
}

// ── what to send ─────────────────────────────────────────────────────────────

/** A well-formed value for a path parameter: the first of an enum, else an id that exists nowhere. */
function validParam(schema: JsonObject): string {
  const values = schema.enum as string[] | undefined;
  return values?.[0] ?? createId("call");
}

const huge = fc.integer({ min: 41, max: 70_000 }).map((n) => "x".repeat(n));
const nested = fc.integer({ min: 65, max: 5_000 }).map((n) => ({ depth: n }));
const oddString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }), // lone surrogates included
  fc.string({ unit: "grapheme", maxLength: 40 }), // emoji, combining marks
  fc.constantFrom("😀", "call_😀", "' OR 1=1 --", "\u0000", "\uD800", "%ZZ", "%FF%FE", "../../etc/passwd", "", " ", "null", "-1", "1e309"),
  huge,
);
const wrongValue = fc.oneof(
  oddString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
  fc.object({ maxDepth: 2 }),
);

type BodyVariant =
  | { kind: "json"; value: unknown }
  | { kind: "text"; text: string; contentType?: string }
  | { kind: "bytes"; bytes: Uint8Array<ArrayBuffer> }
  | { kind: "deep"; depth: number; open: "[" | "{" };

function bodyVariant(op: Operation): fc.Arbitrary<BodyVariant> {
  const props = Object.keys((op.body?.properties as JsonObject | undefined) ?? {});
  const key = props.length > 0 ? fc.constantFrom(...props) : fc.constant("unknown");
  return fc.oneof(
    // One declared field of the wrong type or shape, maybe with an unknown field beside it.
    fc
      .record({ key, value: wrongValue, extra: fc.option(fc.tuple(fc.string({ maxLength: 20 }), wrongValue)) })
      .map(({ key: k, value, extra }) => ({
        kind: "json" as const,
        value: { [k]: value, ...(extra ? { [`x_${extra[0]}`]: extra[1] } : {}) },
      })),
    // Not an object at all.
    fc
      .oneof(fc.constant(null), fc.integer(), oddString, fc.array(wrongValue, { maxLength: 3 }))
      .map((value) => ({ kind: "json" as const, value })),
    // Deep nesting, as text (the parser sees it before any object exists).
    fc.tuple(nested, fc.constantFrom("[" as const, "{" as const)).map(([n, open]) => ({ kind: "deep" as const, depth: n.depth, open })),
    // Broken JSON, another content type, bytes that are not UTF-8.
    fc.constantFrom('{"a":', "{'a':1}", "[1,]", "\uFEFF{}", "").map((text) => ({ kind: "text" as const, text })),
    fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x").map((contentType) => ({
      kind: "text" as const,
      text: "a=1",
      contentType,
    })),
    fc
      .uint8Array({ minLength: 1, maxLength: 64 })
      .map((bytes) => ({ kind: "bytes" as const, bytes: Uint8Array.from([0x7b, 0xff, 0xfe, ...bytes]) })),
  );
}

interface Variant {
  params: Record<string, string>;
  query: string;
  body?: BodyVariant;
}

/** Bytes of a string as UTF-8 (lone surrogates → U+FFFD), percent-encoded: what a client would put in a URL. */
function encodeSegment(s: string): string {
  return Array.from(new TextEncoder().encode(s), (b) =>
    /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
  ).join("");
}

function variants(op: Operation): fc.Arbitrary<Variant> {
  const valid = Object.fromEntries(op.pathParams.map((p) => [p.name, validParam(p.schema)]));
  const out: Array<fc.Arbitrary<Variant>> = [];
  // A bad value in every path parameter (ids: emoji, 70 KB, SQL, lone surrogates …).
  for (const p of op.pathParams) out.push(oddString.map((bad) => ({ params: { ...valid, [p.name]: bad }, query: "" })));
  // Query parameters of the wrong type or size, unknown ones, and raw encodings that do not decode.
  const names = [...op.queryParams.map((p) => p.name), "unknownParam"];
  out.push(
    fc
      .record({ name: fc.constantFrom(...names), value: oddString, raw: fc.constantFrom("", "&q=%ZZ", "&%FF=%FE", "&limit=%", "&=&&=") })
      .map(({ name, value, raw }) => ({ params: valid, query: `${encodeSegment(name)}=${encodeSegment(value)}${raw}` })),
  );
  if (op.body) out.push(bodyVariant(op).map((body) => ({ params: valid, query: "", body })));
  return fc.oneof(...out);
}

async function send(op: Operation, handler: Handler, caller: TestCaller, v: Variant): Promise<Response> {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeSegment(v.params[name] ?? ""));
  const url = `${path}${v.query ? `?${v.query}` : ""}`;
  const signed = await signedRequest(url, { method: op.method, caller });
  const headers = new Headers(signed.headers);
  let body: BodyInit | undefined;
  const b = v.body;
  if (b) {
    headers.set("content-type", b.kind === "text" && b.contentType ? b.contentType : "application/json");
    if (b.kind === "json") body = JSON.stringify(b.value);
    else if (b.kind === "text") body = b.text;
    else if (b.kind === "bytes") body = b.bytes;
    else body = b.open === "[" ? `${"[".repeat(b.depth)}${"]".repeat(b.depth)}` : `${'{"a":'.repeat(b.depth)}1${"}".repeat(b.depth)}`;
  }
  const req = new Request(signed.url, { method: op.method, headers, body });
  return handler(req, op.pathParams.length > 0 ? routeParams(v.params) : undefined);
}

// ── the run ──────────────────────────────────────────────────────────────────

let fakes: Fakes;
let caller: TestCaller;
const ops = operations();

beforeAll(async () => {
  // Vendors answer (their fakes), so an input that happens to be valid is not a 503 for a missing vendor.
  fakes = await startFakes({ ports: { retell: 0, calcom: 0, stripe: 0, sendgrid: 0 } });
  for (const vendor of VENDORS) process.env[ENV_URL[vendor]] = (fakes.urls as Record<Vendor, string>)[vendor];
  const t = await seedTenant({ role: "owner", tier: "PRO" });
  // Every permission of the company (owner) and the platform admin flag: each operation's own checks pass.
  caller = personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner", pa: true, tier: "PRO", auth: "token" });
});
afterAll(async () => {
  await fakes?.close();
  await closeDb();
});

describe("fuzzing every operation of the OpenAPI document", () => {
  it("finds the operations and their route handlers", () => {
    expect(ops.length).toBeGreaterThanOrEqual(18);
    for (const op of ops) expect(ROUTE_MODULES[op.file], `${op.method} ${op.path}: ${op.file}`).toBeDefined();
  });

  for (const op of ops) {
    it(`${op.method} ${op.path}: no malformed input reaches a 5xx; every error is the envelope with a request id`, async () => {
      const handler = (await ROUTE_MODULES[op.file]!())[op.method];
      expect(handler, `${op.file} exports ${op.method}`).toBeTypeOf("function");
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(variants(op), async (v) => {
          const res = await send(op, handler!, caller, v);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const text = await res.text();
          const what = `${res.status} ${text.slice(0, 300)}`;
          expect(res.status, what).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get("content-type"), what).toContain("application/json");
            const body = JSON.parse(text) as { error?: { code?: string; requestId?: string } };
            expect(body.error?.code, what).toEqual(expect.any(String));
            expect(body.error?.requestId, what).toBeTruthy();
            expect(body.error?.requestId).toBe(res.headers.get("x-request-id"));
          }
        }),
        { seed: SEED, numRuns: RUNS * (1 + op.pathParams.length + (op.body ? 2 : 0)), endOnFailure: true },
      );
      // An operation that takes input refused some of it (else the variants never reached its validation).
      const refused = [...statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
      if (op.pathParams.length > 0 || op.queryParams.length > 0 || op.body)
        expect(refused, JSON.stringify([...statuses])).toBeGreaterThan(0);
    });
  }
});
