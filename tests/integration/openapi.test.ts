import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiReference } from "@/app/(app)/docs/api/_components/api-reference";
import { GET as OPENAPI } from "@/app/api/openapi.json/route";
import { GET as CALL } from "@/app/api/v1/calls/[id]/route";
import { GET as CALLS } from "@/app/api/v1/calls/route";
import { GET as ACTIVITY } from "@/app/api/v1/dashboard/activity/route";
import { GET as METRICS } from "@/app/api/v1/dashboard/metrics/route";
import { GET as OVERVIEW } from "@/app/api/v1/dashboard/overview/route";
import { GET as PING } from "@/app/api/v1/ping/route";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { closeDb } from "@/lib/db/client";
import { errorEnvelopeSchema } from "@/lib/openapi/components";
import { ENDPOINTS } from "@/lib/openapi/endpoints";
import type { JsonObject } from "@/lib/openapi/types";
import { seedDemoForApi } from "../helpers/demo-data";
import { personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";

const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route file under app/api/<dir>, as "METHOD /api/…/{param}" from its path and its exports. */
function routesUnder(dir: string): string[] {
  const base = path.join(ROOT, "app/api", dir);
  const out: string[] = [];
  for (const entry of readdirSync(base, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== "route.ts") continue;
    const file = path.join(entry.parentPath, entry.name);
    const urlPath = `/${path.relative(path.join(ROOT, "app"), entry.parentPath).split(path.sep).join("/")}`.replace(
      /\[([^\]]+)\]/g,
      "{$1}",
    );
    const source = readFileSync(file, "utf8");
    const methods = METHODS.filter((m) => new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b`).test(source));
    expect(methods.length, `${file} exports no handler`).toBeGreaterThan(0);
    for (const m of methods) out.push(`${m} ${urlPath}`);
  }
  return out;
}

let doc: JsonObject & { paths: Record<string, Record<string, JsonObject>>; components: Record<string, Record<string, unknown>> };
let owner: TestCaller;

beforeAll(async () => {
  const res = await OPENAPI(await signedRequest("/api/openapi.json", { caller: null }));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  doc = (await res.json()) as typeof doc;
});

afterAll(async () => {
  await closeDb();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, path: p, method, op })),
  );

describe("GET /api/openapi.json", () => {
  it("is a public OpenAPI 3.1 document with info, tags, security schemes and the error envelope", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Switchboard API", version: expect.any(String) });
    expect(Object.keys(doc.components.securitySchemes!)).toEqual(expect.arrayContaining(["bearerToken", "apiKey", "sessionCookie"]));
    expect(doc.components.schemas!.ErrorEnvelope).toMatchObject({ type: "object", properties: { error: { type: "object" } } });
    expect(Object.keys(doc.components.headers!)).toEqual(
      expect.arrayContaining([
        "RateLimit-Policy",
        "RateLimit",
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
        "Retry-After",
        "X-Request-Id",
        "X-Cache",
      ]),
    );
  });

  it("documents every route file under app/api/v1, and nothing that does not exist", () => {
    const files = routesUnder("v1").sort();
    expect(files.length).toBeGreaterThanOrEqual(13);
    const documented = operations()
      .map((o) => o.key)
      .filter((k) => / \/api\/v1\//.test(k))
      .sort();
    expect(documented).toEqual(files);
  });

  it("has a well-formed operation for every endpoint: ids, tags, parameters, envelopes, refs", () => {
    const tagNames = new Set((doc.tags as Array<{ name: string }>).map((t) => t.name));
    const ids = new Set<string>();
    for (const { key, path: p, op } of operations()) {
      expect(op.operationId, key).toEqual(expect.any(String));
      expect(ids.has(op.operationId as string), `duplicate operationId ${String(op.operationId)}`).toBe(false);
      ids.add(op.operationId as string);
      expect(tagNames.has((op.tags as string[])[0]!), key).toBe(true);
      expect(op.summary, key).toEqual(expect.any(String));

      // Path templates and path parameters match one to one.
      const templated = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const params = (op.parameters as JsonObject[]).filter((x) => x.in === "path");
      expect(params.map((x) => x.name).sort(), key).toEqual(templated);
      expect(params.every((x) => x.required === true)).toBe(true);

      // Who may call it: public (no security), or a permission / platform admin / any credential.
      const permission = op["x-permission"];
      expect(permission === null || permission === "platform admin" || (PERMISSIONS as readonly unknown[]).includes(permission), key).toBe(
        true,
      );
      if ((op.security as unknown[]).length > 0) expect((op.responses as JsonObject)["401"], key).toBeDefined();
      for (const s of op.security as Array<Record<string, unknown>>)
        for (const name of Object.keys(s)) expect(doc.components.securitySchemes![name], key).toBeDefined();

      // One 2xx with the {data, meta?} envelope; 429 everywhere (every request is rate limited).
      const responses = op.responses as Record<string, JsonObject>;
      const success = Object.entries(responses).filter(([s]) => s.startsWith("2"));
      expect(success, key).toHaveLength(1);
      const schema = ((success[0]![1].content as JsonObject)["application/json"] as JsonObject).schema as JsonObject;
      expect(schema.required, key).toContain("data");
      expect(Object.keys(success[0]![1].headers as JsonObject)).toEqual(
        expect.arrayContaining(["X-Request-Id", "RateLimit", "X-RateLimit-Remaining"]),
      );
      expect(responses["429"], key).toBeDefined();
    }
    // Every $ref in the document resolves.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      const target = ref.split("/").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
      expect(target, ref).toBeDefined();
    }
  });

  it("describes inputs from the route's own schemas (query, body, public routes)", () => {
    const list = doc.paths["/api/v1/calls"]!.get!;
    const names = (list.parameters as JsonObject[]).map((x) => x.name);
    expect(names).toEqual(expect.arrayContaining(["from", "to", "status", "direction", "sentiment", "customerId", "q", "limit", "cursor"]));
    expect((list.parameters as JsonObject[]).find((x) => x.name === "limit")!.schema).toMatchObject({
      type: "integer",
      minimum: 1,
      maximum: 100,
      default: 25,
    });
    expect(list["x-permission"]).toBe("calls:read");
    expect(list["x-cache"]).toBe("calls");
    expect(Object.keys((list.responses as Record<string, JsonObject>)["200"]!.headers as JsonObject)).toContain("X-Cache");

    const token = doc.paths["/api/v1/auth/token"]!.post!;
    expect(token.security).toEqual([]);
    expect((token.requestBody as JsonObject).required).toBe(true);
    expect(JSON.stringify(token.requestBody)).toContain('"email"');
    expect(doc.paths["/api/v1/api-keys/{id}/rotate"]!.post!.requestBody).toMatchObject({ required: false });
    expect(doc.paths["/api/v1/admin/companies/{id}"]!.patch!["x-permission"]).toBe("platform admin");
  });
});

describe("the documented schemas are the ones the routes answer with", () => {
  beforeAll(async () => {
    const { ids } = await seedDemoForApi();
    owner = personCaller({ userId: ids.users["owner@acme.test"]!, companyId: ids.companies.acme, role: "owner" });
  });

  const endpoint = (method: string, p: string) => ENDPOINTS.find((e) => e.method === method && e.path === p)!;
  const body = async (res: Response) => (await res.json()) as { data: unknown; meta?: unknown };

  it("GET endpoints: data (and meta) parse with the registered response schemas", async () => {
    const list = await body(await CALLS(await signedRequest("/api/v1/calls?limit=3", { caller: owner })));
    endpoint("GET", "/api/v1/calls").response.parse(list.data);
    endpoint("GET", "/api/v1/calls").meta!.parse(list.meta);
    const id = (list.data as Array<{ id: string }>)[0]!.id;
    endpoint("GET", "/api/v1/calls/{id}").response.parse(
      (await body(await CALL(await signedRequest(`/api/v1/calls/${id}`, { caller: owner }), routeParams({ id })))).data,
    );
    endpoint("GET", "/api/v1/dashboard/overview").response.parse(
      (await body(await OVERVIEW(await signedRequest("/api/v1/dashboard/overview", { caller: owner })))).data,
    );
    endpoint("GET", "/api/v1/dashboard/metrics").response.parse(
      (await body(await METRICS(await signedRequest("/api/v1/dashboard/metrics", { caller: owner })))).data,
    );
    endpoint("GET", "/api/v1/dashboard/activity").response.parse(
      (await body(await ACTIVITY(await signedRequest("/api/v1/dashboard/activity", { caller: owner })))).data,
    );
    const ping = endpoint("GET", "/api/v1/ping").response.parse(
      (await body(await PING(await signedRequest("/api/v1/ping", { caller: owner })))).data,
    );
    expect(ping).toMatchObject({ pong: true, auth: "session" });
  });

  it("errors match the documented error envelope", async () => {
    const res = await CALLS(await signedRequest("/api/v1/calls?limit=0", { caller: owner }));
    expect(res.status).toBe(400);
    const parsed = errorEnvelopeSchema.parse(await res.json());
    expect(parsed.error.code).toBe("validation_failed");
    const denied = await CALLS(await signedRequest("/api/v1/calls", { caller: null }));
    expect(errorEnvelopeSchema.parse(await denied.json()).error.code).toBe("unauthorized");
  });
});

describe("/docs/api page", () => {
  it("renders every operation of the document, grouped by tag, with method, path and access", () => {
    const html = renderToStaticMarkup(createElement(ApiReference));
    const ops = operations();
    expect(html.match(/data-testid="api-operation"/g)).toHaveLength(ops.length);
    for (const { path: p, method, op } of ops) {
      expect(html, p).toContain(`id="${String(op.operationId)}"`);
      expect(html).toContain(`>${method.toUpperCase()}<`);
      expect(html).toContain(p.replace(/&/g, "&amp;"));
    }
    for (const tag of doc.tags as Array<{ name: string }>) expect(html).toContain(`>${tag.name}<`);
    expect(html).toContain("calls:read");
    expect(html).toContain("platform admin");
    expect(html).toContain("Example response · 200");
  });
});
