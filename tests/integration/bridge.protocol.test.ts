import type { Redis } from "@upstash/redis";
import { beforeAll, describe, expect, it } from "vitest";
import { startBridge, type Bridge } from "@/lib/redis/bridge/server";
import { setupBridge } from "../helpers/bridge-fixture";

/**
 * The wire protocol itself, with plain fetch: status codes, error shapes, the base64 encoding rules
 * the client's decoder relies on, the path form, limits and refusals.
 */

const fx = setupBridge("bridge-protocol", { maxBodyBytes: 64 * 1024 });
const { token, k } = fx;
let bridge: Bridge;
let redis: Redis;

beforeAll(() => {
  ({ bridge, redis } = fx);
});

const b64 = (s: string) => Buffer.from(s).toString("base64");

async function call(
  path: string,
  body?: unknown,
  opts: { base64?: boolean; auth?: string | null; method?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
  if (opts.auth !== null) headers.authorization = opts.auth ?? `Bearer ${token}`;
  if (opts.base64) headers["upstash-encoding"] = "base64";
  const res = await fetch(`${bridge.url}${path}`, {
    method: opts.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as unknown };
}

describe("authorization", () => {
  it.each([
    ["no header", null],
    ["a wrong token", "Bearer wrong-token"],
    ["a longer wrong token", `Bearer ${token}x`],
    ["the token without Bearer", token],
  ])("answers 401 for %s", async (_label, auth) => {
    const res = await call("/", ["SET", k("a"), "v"], { auth });
    expect(res).toMatchObject({ status: 401, json: { error: "Unauthorized" } });
    expect(await redis.exists(k("a"))).toBe(0);
  });

  it.each([
    ["alone", null],
    ["even beside a valid header", undefined],
  ])("refuses a token in the URL (?_token=) %s, and runs nothing", async (_label, auth) => {
    for (const path of [`/set/${encodeURIComponent(k("a"))}/v?_token=${token}`, `/?_token=${token}`, `/pipeline?_token=${token}`]) {
      const body = path.startsWith("/set") ? undefined : path.startsWith("/pipeline") ? [["SET", k("a"), "v"]] : ["SET", k("a"), "v"];
      const res = await call(path, body, { auth });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: "ERR the token goes in the Authorization header (Bearer), never in the URL" });
    }
    expect(await redis.exists(k("a"))).toBe(0);
  });
});

describe("single commands", () => {
  it("answers 200 { result } and 400 { error } with Redis' message", async () => {
    expect((await call("/", ["SET", k("s"), "text"])).json).toEqual({ result: "OK" });
    const failed = await call("/", ["INCR", k("s")]);
    expect(failed.status).toBe(400);
    expect(failed.json).toEqual({ error: "ERR value is not an integer or out of range" });
    // An unknown command is off the allowlist too: Upstash answers it the same way.
    const unknown = await call("/", ["NOSUCHCOMMAND", "x"]);
    expect(unknown).toMatchObject({ status: 400, json: { error: "ERR Command is not available: 'NOSUCHCOMMAND'" } });
  });

  it("takes numbers and booleans as arguments", async () => {
    expect((await call("/", ["SET", k("n"), 41])).json).toEqual({ result: "OK" });
    expect((await call("/", ["INCRBY", k("n"), 1])).json).toEqual({ result: 42 });
    expect((await call("/", ["SET", k("b"), true])).json).toEqual({ result: "OK" });
    expect((await call("/", ["GET", k("b")])).json).toEqual({ result: "true" });
  });
});

describe("Upstash-Encoding: base64", () => {
  it("encodes every string except a top-level OK; numbers and nil stay as they are", async () => {
    expect((await call("/", ["SET", k("a"), "hello"], { base64: true })).json).toEqual({ result: "OK" });
    expect((await call("/", ["GET", k("a")], { base64: true })).json).toEqual({ result: b64("hello") });
    expect((await call("/", ["GET", k("missing")], { base64: true })).json).toEqual({ result: null });
    expect((await call("/", ["INCR", k("n")], { base64: true })).json).toEqual({ result: 1 });
    expect((await call("/", ["PING"], { base64: true })).json).toEqual({ result: b64("PONG") });
    expect((await call("/", ["TYPE", k("a")], { base64: true })).json).toEqual({ result: b64("string") });
  });

  it("encodes strings inside arrays, an OK included, recursively", async () => {
    await call("/", ["RPUSH", k("l"), "OK", "T0s=", "😀"]);
    expect((await call("/", ["LRANGE", k("l"), 0, -1], { base64: true })).json).toEqual({
      result: [b64("OK"), b64("T0s="), b64("😀")],
    });
    const nested = await call("/", ["EVAL", "return {1, 'OK', {'x', false}, redis.status_reply('OK')}", 0], {
      base64: true,
    });
    expect(nested.json).toEqual({ result: [1, b64("OK"), [b64("x"), null], b64("OK")] });
  });

  it("never encodes errors", async () => {
    await call("/", ["SET", k("s"), "text"]);
    const res = await call("/", ["INCR", k("s")], { base64: true });
    expect(res.json).toEqual({ error: "ERR value is not an integer or out of range" });
    const piped = await call(
      "/pipeline",
      [
        ["INCR", k("s")],
        ["GET", k("s")],
      ],
      { base64: true },
    );
    expect(piped.json).toEqual([{ error: "ERR value is not an integer or out of range" }, { result: b64("text") }]);
  });
});

describe("without encoding", () => {
  it("answers plain UTF-8 strings", async () => {
    await call("/", ["SET", k("u"), "héllo 😀"]);
    expect((await call("/", ["GET", k("u")])).json).toEqual({ result: "héllo 😀" });
    await call("/", ["HSET", k("h"), "f", "v"]);
    expect((await call("/", ["HGETALL", k("h")])).json).toEqual({ result: ["f", "v"] });
  });
});

describe("pipeline and multi-exec", () => {
  it("/pipeline answers 200 with one entry per command", async () => {
    await call("/", ["SET", k("s"), "text"]);
    const res = await call("/pipeline", [
      ["SET", k("a"), "1"],
      ["INCR", k("s")],
      ["GET", k("a")],
    ]);
    expect(res.status).toBe(200);
    expect(res.json).toEqual([{ result: "OK" }, { error: "ERR value is not an integer or out of range" }, { result: "1" }]);
  });

  it("/multi-exec answers 400 when Redis discards the transaction", async () => {
    const res = await call("/multi-exec", [
      ["SET", k("a"), "1"],
      ["SET", k("b")],
    ]);
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toMatch(/^EXECABORT .*wrong number of arguments for 'set'/);
    expect(await redis.exists(k("a"))).toBe(0);
  });

  it("rejects malformed batches with 400", async () => {
    for (const body of [[], {}, [["GET", k("a")], "GET"], [[]], [["SET", k("a"), { v: 1 }]]]) {
      const res = await call("/pipeline", body);
      expect(res.status).toBe(400);
      expect(typeof (res.json as { error: unknown }).error).toBe("string");
    }
  });
});

describe("path form", () => {
  it("runs /set/key/value and /get/key, with query options and percent-encoding", async () => {
    const key = encodeURIComponent(k("p/ü"));
    expect((await call(`/set/${key}/${encodeURIComponent("a b/c")}?EX=100`)).json).toEqual({ result: "OK" });
    expect((await call(`/get/${key}`)).json).toEqual({ result: "a b/c" });
    expect(await redis.ttl(k("p/ü"))).toBeGreaterThan(90);
  });

  it("takes a POST body as the last argument", async () => {
    const res = await fetch(`${bridge.url}/set/${encodeURIComponent(k("body"))}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: '{"raw": "json text"}',
    });
    expect(await res.json()).toEqual({ result: "OK" });
    expect(await redis.get(k("body"))).toEqual({ raw: "json text" });
  });
});

describe("bad input", () => {
  it.each([
    ["invalid JSON", "/", '["GET"', 400],
    ["an object", "/", '{"cmd":"GET"}', 400],
    ["an empty command", "/", "[]", 400],
    ["a nested argument", "/", '["SET","k",[1]]', 400],
    ["an empty body", "/", "", 400],
  ])("answers %s with an error", async (_label, path, body, status) => {
    const res = await call(path, body);
    expect(res.status).toBe(status);
    expect(typeof (res.json as { error: unknown }).error).toBe("string");
  });

  it("answers 405 to GET on a JSON route", async () => {
    expect((await call("/pipeline")).status).toBe(405);
  });

  it("answers 413 past the body limit and keeps serving", async () => {
    const res = await call("/", ["SET", k("big"), "x".repeat(100 * 1024)]);
    expect(res.status).toBe(413);
    expect(await redis.exists(k("big"))).toBe(0);
    expect((await call("/", ["PING"])).json).toEqual({ result: "PONG" });
  });

  it("refuses commands that would change the shared connection, in Upstash's words", async () => {
    for (const [command, name] of [
      [["SELECT", "2"], "SELECT"],
      [["SUBSCRIBE", "ch"], "SUBSCRIBE"],
      [["WATCH", k("a")], "WATCH"],
      [["client", "reply", "off"], "CLIENT"],
      [["HELLO", "3"], "HELLO"],
    ] as const) {
      const res = await call("/", command);
      expect(res).toMatchObject({ status: 400, json: { error: `ERR Command is not available: '${name}'` } });
    }
    expect((await call("/", ["MULTI"])).json).toEqual({
      error: "ERR Command is not available: 'MULTI' (send the commands to /multi-exec)",
    });
    // Still on the same database: a key written now is visible through the client.
    await call("/", ["SET", k("after"), "v"]);
    expect(await redis.get(k("after"))).toBe("v");
  });
});

describe("blocking commands", () => {
  it("run on their own connection and do not stall other requests", async () => {
    const started = Date.now();
    const blocked = call("/", ["BLPOP", k("queue"), 5], { base64: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // If BLPOP held the shared connection, this RPUSH would wait behind it until the timeout.
    expect((await call("/", ["RPUSH", k("queue"), "job"])).json).toEqual({ result: 1 });
    expect((await blocked).json).toEqual({ result: [b64(k("queue")), b64("job")] });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe("read-your-writes token and stats", () => {
  it("echoes upstash-sync-token", async () => {
    const res = await call("/", ["PING"], { headers: { "upstash-sync-token": "abc123" } });
    expect(res.headers.get("upstash-sync-token")).toBe("abc123");
  });

  it("counts requests and commands, behind the token", async () => {
    expect((await call("/__bridge/stats", undefined, { auth: null })).status).toBe(401);
    bridge.resetStats();
    await call("/", ["PING"]);
    await call("/pipeline", [["PING"], ["PING"], ["PING"]]);
    expect(bridge.stats()).toMatchObject({ requests: 2, commands: 4 });
    const res = await call("/__bridge/stats");
    expect(res.json).toMatchObject({ requests: 2, commands: 4, redisErrors: 0 });
  });
});

describe("startup", () => {
  it("fails with one clear error when Redis is unreachable", async () => {
    await expect(startBridge({ redisUrl: "redis://:secret@127.0.0.1:1/1", token, port: 0 })).rejects.toThrow(
      /^Redis is not reachable at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/1 \(.*ECONNREFUSED/,
    );
  });
});
