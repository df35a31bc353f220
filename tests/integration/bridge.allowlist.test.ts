import { existsSync } from "node:fs";
import path from "node:path";
import type { Redis as IORedis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBridge, type Bridge } from "@/lib/redis/bridge/server";
import { setupPrivateRedis } from "../helpers/bridge-private-redis";

/**
 * The allowlist under attack. Every attack goes to a redis-server this file starts (password-protected,
 * like a deployed one), never to the shared test Redis: if the bridge let one through, only that
 * server would suffer. Each attack runs alone, in a /pipeline and in a /multi-exec; after each test
 * the server must be exactly as before (a marker key in every database, nothing moved or copied
 * across, its dir, its role, nothing saved to disk).
 */

const redis = setupPrivateRedis();
const DB = 3;
const OTHER_DBS = [0, 6, 7, 8, 9];
const token = "bridge-allowlist-token-0123456789";

let admins: Map<number, IORedis>;

beforeAll(() => {
  admins = new Map([DB, ...OTHER_DBS].map((db) => [db, redis.admin(db)]));
});

const admin = (db: number) => admins.get(db) as IORedis;

async function call(bridge: Bridge, pathname: string, body?: unknown) {
  const res = await fetch(`${bridge.url}${pathname}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

/** The commands the brief names, and the rest of the server-wide or cross-database ones. */
const ATTACKS: Array<[label: string, command: string[], refusedAs: string]> = [
  ["FLUSHALL", ["FLUSHALL"], "FLUSHALL"],
  ["FLUSHALL ASYNC, lower case", ["flushall", "async"], "FLUSHALL"],
  ["FLUSHDB", ["FLUSHDB"], "FLUSHDB"],
  ["CONFIG SET dir", ["CONFIG", "SET", "dir", "/tmp"], "CONFIG"],
  ["SHUTDOWN", ["SHUTDOWN", "NOSAVE"], "SHUTDOWN"],
  ["DEBUG", ["DEBUG", "SLEEP", "0"], "DEBUG"],
  ["MODULE LOAD", ["MODULE", "LOAD", "/tmp/evil.so"], "MODULE"],
  ["KEYS", ["KEYS", "*"], "KEYS"],
  ["REPLICAOF", ["REPLICAOF", "127.0.0.1", "1"], "REPLICAOF"],
  ["SLAVEOF", ["SLAVEOF", "127.0.0.1", "1"], "SLAVEOF"],
  ["SAVE", ["SAVE"], "SAVE"],
  ["BGSAVE", ["BGSAVE"], "BGSAVE"],
  ["MOVE k 6", ["MOVE", "k", "6"], "MOVE"],
  ["COPY k k DB 7", ["COPY", "k", "k", "DB", "7"], "COPY"],
  ["SWAPDB 3 9", ["SWAPDB", String(DB), "9"], "SWAPDB"],
  ["SELECT 8", ["SELECT", "8"], "SELECT"],
  ["MIGRATE", ["MIGRATE", "127.0.0.1", "6379", "k", "6", "1000"], "MIGRATE"],
  ["ACL SETUSER", ["ACL", "SETUSER", "intruder", "on", ">x", "~*", "+@all"], "ACL"],
  ["SCRIPT FLUSH", ["SCRIPT", "FLUSH"], "SCRIPT FLUSH"],
  [
    "FUNCTION LOAD",
    ["FUNCTION", "LOAD", "#!lua name=evil\nredis.register_function('f', function() return redis.call('FLUSHALL') end)"],
    "FUNCTION",
  ],
  ["FCALL", ["FCALL", "f", "0"], "FCALL"],
  ["PUBLISH", ["PUBLISH", "channel", "message"], "PUBLISH"],
  ["CLIENT KILL", ["CLIENT", "KILL", "TYPE", "normal"], "CLIENT"],
  ["INFO", ["INFO"], "INFO"],
];

describe("a bridge in front of its own database", () => {
  let bridge: Bridge;

  beforeAll(async () => {
    // REDIS_URL carries the admin password, percent-encoded ("admin p@ss/wörd%").
    bridge = await startBridge({ redisUrl: redis.url(DB), token, port: 0 });
  });

  afterAll(async () => {
    await bridge?.close();
  });

  beforeEach(async () => {
    for (const [db, conn] of admins) await conn.set("marker", `db${db}`);
    await admin(DB).set("k", "v");
  });

  afterEach(async () => {
    // The server is still up, a master, saving nothing, with its dir, and every database as it was.
    expect(await admin(0).ping()).toBe("PONG");
    expect(((await admin(0).call("ROLE")) as string[])[0]).toBe("master");
    expect(await admin(0).config("GET", "dir")).toEqual(["dir", redis.dir]);
    expect(existsSync(path.join(redis.dir, "dump.rdb"))).toBe(false);
    for (const [db, conn] of admins) expect(await conn.get("marker")).toBe(`db${db}`);
    for (const db of OTHER_DBS) expect(await admin(db).dbsize()).toBe(1);
    expect(await admin(DB).get("k")).toBe("v");
    await admin(0).flushall();
  });

  describe("commands off the allowlist are refused before Redis sees them", () => {
    it.each(ATTACKS)("%s, alone", async (_label, command, refusedAs) => {
      expect(await call(bridge, "/", command)).toEqual({ status: 400, json: { error: `ERR Command is not available: '${refusedAs}'` } });
    });

    it.each(ATTACKS)("%s, in a pipeline: refused in place, the rest runs", async (_label, command, refusedAs) => {
      const res = await call(bridge, "/pipeline", [["SET", "p", "1"], command, ["GET", "p"]]);
      expect(res).toEqual({
        status: 200,
        json: [{ result: "OK" }, { error: `ERR Command is not available: '${refusedAs}'` }, { result: "1" }],
      });
    });

    it.each(ATTACKS)("%s, in a transaction: nothing runs", async (_label, command, refusedAs) => {
      const res = await call(bridge, "/multi-exec", [["SET", "m", "1"], command]);
      expect(res).toEqual({
        status: 400,
        json: { error: `EXECABORT Transaction discarded: ERR Command is not available: '${refusedAs}'` },
      });
      expect(await admin(DB).exists("m")).toBe(0);
    });

    it("in the path form too", async () => {
      expect(await call(bridge, "/flushall")).toEqual({ status: 400, json: { error: "ERR Command is not available: 'FLUSHALL'" } });
      expect(await call(bridge, "/config/set/dir/%2Ftmp")).toEqual({
        status: 400,
        json: { error: "ERR Command is not available: 'CONFIG'" },
      });
    });
  });

  describe("what stays allowed", () => {
    it("data commands, SCAN, scripts, a blocking pop on its own connection", async () => {
      expect((await call(bridge, "/", ["HSET", "h", "f", "1"])).json).toEqual({ result: 1 });
      expect((await call(bridge, "/", ["SCAN", "0", "MATCH", "h*", "COUNT", "100"])).json).toEqual({ result: ["0", ["h"]] });
      expect((await call(bridge, "/", ["DBSIZE"])).json).toEqual({ result: 3 });
      const script = "redis.call('INCRBY', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1])";
      expect((await call(bridge, "/", ["EVAL", script, 1, "n", 5])).json).toEqual({ result: "5" });
      expect((await call(bridge, "/", ["BLPOP", "queue", "0.05"])).json).toEqual({ result: null });
      await admin(DB).del("h", "n");
    });
  });
});
