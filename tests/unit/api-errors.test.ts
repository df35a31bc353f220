import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ERROR_CODES } from "@/lib/api/error-codes";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { toApiError } from "@/lib/api/handle-api-error";
import { readJson } from "@/lib/api/read-json";
import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";

describe("error envelope", () => {
  it("maps every code to its status and shapes the body", async () => {
    expect(ERROR_CODES.validation_failed).toBe(400);
    expect(ERROR_CODES.rate_limited).toBe(429);
    const res = errorResponse(new ApiError("not_found", "No such call."), "req_1");
    expect(res.status).toBe(404);
    expect(res.headers.get("x-request-id")).toBe("req_1");
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "No such call.", requestId: "req_1" } });
  });

  it("turns zod issues into field details", () => {
    const parsed = z.object({ email: z.string().email() }).safeParse({ email: "nope" });
    const err = toApiError(parsed.error);
    expect(err.status).toBe(400);
    expect(err.code).toBe("validation_failed");
    expect(err.details).toEqual([expect.objectContaining({ field: "email" })]);
  });

  it("names each key a strict object does not know as the field", () => {
    const parsed = z
      .object({ a: z.object({ b: z.string() }).strict() })
      .strict()
      .safeParse({ a: { b: "x", c: 1 }, eventTypeId: 7 });
    const err = toApiError(parsed.error);
    expect(err.code).toBe("validation_failed");
    expect(err.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "eventTypeId", code: "unrecognized_keys" }),
        expect.objectContaining({ field: "a.c", code: "unrecognized_keys" }),
      ]),
    );
  });

  it("maps a wrapped driver error by code and never shows its text", () => {
    const driver = Object.assign(new Error("Duplicate entry 'secret@x' for key 'users_email'"), { code: "ER_DUP_ENTRY" });
    const wrapped = new Error("Failed query: insert into users ... params: secret@x", { cause: driver });
    const err = toApiError(wrapped);
    expect(err.code).toBe("conflict");
    expect(err.message).not.toContain("secret");
  });

  it("hides unknown errors behind internal_error", () => {
    const err = toApiError(new TypeError("cannot read x of undefined at /srv/app.js:1"));
    expect(err.status).toBe(500);
    expect(err.message).not.toContain("/srv");
  });
});

describe("readJson", () => {
  const schema = z.object({ name: z.string() });
  const post = (body: string, type = "application/json") =>
    new Request("http://x/", { method: "POST", body, headers: { "content-type": type } });

  it("refuses other content types with 415", async () => {
    await expect(readJson(post("name=x", "application/x-www-form-urlencoded"), schema)).rejects.toMatchObject({ status: 415 });
  });
  it("refuses bad JSON with 400", async () => {
    await expect(readJson(post("{nope"), schema)).rejects.toMatchObject({ status: 400, code: "bad_request" });
  });
  it("refuses a body over the limit with 413", async () => {
    await expect(readJson(post(JSON.stringify({ name: "x".repeat(200) })), schema, 100)).rejects.toMatchObject({ status: 413 });
  });
  it("returns the parsed body", async () => {
    await expect(readJson(post('{"name":"Ada"}'), schema)).resolves.toEqual({ name: "Ada" });
  });
});

describe("defineRoute", () => {
  it("wraps data in the envelope and keeps a valid request id", async () => {
    const route = defineRoute({ auth: "none" }, async () => ({ hello: "world" }));
    const res = await route(new Request("http://x/api/t", { headers: { "x-request-id": "client-req-12345" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("client-req-12345");
    expect(await res.json()).toEqual({ data: { hello: "world" } });
  });

  it("answers a thrown error in the envelope without a stack", async () => {
    const route = defineRoute({ auth: "none" }, async () => {
      throw new Error("boom at /srv/secret.ts:12");
    });
    const res = await route(new Request("http://x/api/t", { headers: { "x-request-id": "bad id with spaces" } }));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe("internal_error");
    expect(body.error.requestId).toMatch(/^req_/);
    expect(JSON.stringify(body)).not.toContain("secret");
  });
});

describe("parseQuery", () => {
  const schema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(25), q: z.string().min(1).optional() }).strict();
  const route = defineRoute({ auth: "none" }, async ({ req }) => parseQuery(req, schema));

  it("parses the query string through the schema (defaults, coercion; a repeated key keeps its last value)", async () => {
    expect(await (await route(new Request("http://x/api/t"))).json()).toEqual({ data: { limit: 25 } });
    expect(await (await route(new Request("http://x/api/t?limit=5&q=a&q=lee"))).json()).toEqual({ data: { limit: 5, q: "lee" } });
  });

  it("answers 400 validation_failed with a detail per refused field", async () => {
    const res = await route(new Request("http://x/api/t?limit=0&q="));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(["limit", "q"]);
  });
});

describe("errorForLog", () => {
  it("keeps SQL and its parameters out of the log line, stack included", async () => {
    const { errorForLog } = await import("@/lib/log/logger");
    const driver = Object.assign(new Error("Duplicate entry 'owner@acme.test' for key 'users_email_uq'"), {
      code: "ER_DUP_ENTRY",
      sql: "insert into users …",
    });
    const wrapped = new Error("Failed query: select * from refresh_tokens where token_hash = ?\nparams: deadbeefsecret", { cause: driver });
    const line = JSON.stringify(errorForLog(wrapped));
    expect(line).not.toContain("deadbeefsecret");
    expect(line).not.toContain("refresh_tokens");
    expect(line).not.toContain("owner@acme.test");
    expect(line).toContain("ER_DUP_ENTRY");
    expect(line).toContain("at ");
  });
});
