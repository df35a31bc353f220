import { existsSync } from "node:fs";
import path from "node:path";
import type { Redis as IORedis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AclSetupError, RedisUnreachableError, startBridge, type Bridge, type ScriptGuard } from "@/lib/redis/bridge/server";
import { setupPrivateRedis } from "../helpers/bridge-private-redis";

/**
 * The allowlist under attack. Every attack goes to a redis-server this file starts (password-protected,
 * like a deployed one), never to the shared test Redis: if the bridge let one through, only that
 * server would suffer. Each attack runs alone, in a /pipeline and in a /multi-exec, and as a Lua
 * script; after each test the server must be exactly as before (a marker key in every database,
 * nothing moved or copied across, its dir, its role, nothing saved to disk).
 *
 * Both guards for scripts are attacked: "static-check" (the bridge's Redis user is the all-powerful
 * default user, so the bridge reads scripts itself) and "redis-acl" (the bridge creates a confined
 * ACL user and Redis refuses inside scripts).
 */

const redis = setupPrivateRedis();
const DB = 3;
const OTHER_DBS = [0, 6, 7, 8, 9];
const token = "bridge-allowlist-token-0123456789";
const ACL_USER = "switchboard-bridge";

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

/** Lua that would reach past the bridge's database or run a disallowed command; KEYS[1] is "k". */
const SCRIPT_ATTACKS: Array<[label: string, script: string, args: string[]]> = [
  ["redis.call('SELECT')", "redis.call('SELECT', '8') return redis.call('SET', 'escaped', '1')", []],
  ["redis.call('FLUSHALL')", "return redis.call('FLUSHALL')", []],
  ["redis.call('FLUSHDB')", "return redis.call('FLUSHDB')", []],
  ["redis.call('MOVE')", "return redis.call('MOVE', KEYS[1], '6')", []],
  ["redis.call('COPY', …, 'DB')", "return redis.call('COPY', KEYS[1], KEYS[1], 'DB', '7')", []],
  ["redis.call('SWAPDB')", `return redis.call('SWAPDB', '${DB}', '9')`, []],
  ["redis.call('KEYS')", "return redis.call('KEYS', '*')", []],
  ["redis.call('CONFIG')", "return redis.call('CONFIG', 'GET', 'dir')", []],
  ["redis.pcall('FLUSHALL')", "return redis.pcall('FLUSHALL')", []],
  ["a command name from ARGV", "return redis.call(ARGV[1])", ["FLUSHALL"]],
  ["a command name built at run time", "return redis.call(string.upper('flush') .. 'all')", []],
  ["redis.call through a local", "local c = redis.call\nc('SELECT', '8')\nreturn c('SET', 'escaped', '1')", []],
  ["redis.call through _G", "return _G.redis.call('FLUSHALL')", []],
  ["a #!lua shebang script", "#!lua flags=allow-key-locking\nreturn redis.call('FLUSHALL')", []],
];

/** What each guard answers to a script attack. */
const SCRIPT_REFUSAL: Record<ScriptGuard, RegExp> = {
  "static-check":
    /^ERR (Command is not available: '[A-Z]+' \(script line \d+\)|the REST bridge runs only scripts whose commands it can read: .+)$/,
  // Redis' ACL, or, for the few commands no script may run at all, Redis' own rule.
  "redis-acl": /^ERR (The user executing the script can't run this command or subcommand|This Redis command is not allowed from script)/,
};

describe.each<ScriptGuard>(["static-check", "redis-acl"])("scripts guarded by %s", (guard) => {
  let bridge: Bridge;

  beforeAll(async () => {
    // REDIS_URL carries the admin password, percent-encoded ("admin p@ss/wörd%").
    bridge = await startBridge({ redisUrl: redis.url(DB), token, port: 0, aclUser: guard === "redis-acl" ? ACL_USER : undefined });
    expect(bridge.scriptGuard).toBe(guard);
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

  describe("scripts cannot reach past the allowlist", () => {
    it.each(SCRIPT_ATTACKS)("%s, alone", async (_label, script, args) => {
      const res = await call(bridge, "/", ["EVAL", script, 1, "k", ...args]);
      expect(res.status).toBe(400);
      expect((res.json as { error: string }).error).toMatch(SCRIPT_REFUSAL[guard]);
    });

    it.each(SCRIPT_ATTACKS)("%s, in a pipeline", async (_label, script, args) => {
      const res = await call(bridge, "/pipeline", [
        ["SET", "p", "1"],
        ["EVAL", script, 1, "k", ...args],
        ["GET", "p"],
      ]);
      expect(res.status).toBe(200);
      const [set, evaluated, get] = res.json as Array<{ result?: unknown; error?: string }>;
      expect([set, get]).toEqual([{ result: "OK" }, { result: "1" }]);
      expect(evaluated?.error).toMatch(SCRIPT_REFUSAL[guard]);
    });

    it.each(SCRIPT_ATTACKS)("%s, in a transaction", async (_label, script, args) => {
      const res = await call(bridge, "/multi-exec", [
        ["SET", "m", "1"],
        ["EVAL", script, 1, "k", ...args],
      ]);
      if (guard === "static-check") {
        // Refused by the bridge while "queueing": the transaction never starts.
        expect(res.status).toBe(400);
        expect((res.json as { error: string }).error).toMatch(/^EXECABORT Transaction discarded: ERR /);
        expect(await admin(DB).exists("m")).toBe(0);
      } else {
        // Refused by Redis while executing: as with any runtime error, the other command ran.
        expect(res.status).toBe(200);
        const [set, evaluated] = res.json as Array<{ result?: unknown; error?: string }>;
        expect(set).toEqual({ result: "OK" });
        expect(evaluated?.error).toMatch(SCRIPT_REFUSAL[guard]);
      }
    });

    it("SCRIPT LOAD then EVALSHA of a script that would escape", async () => {
      const script = "redis.call('SELECT', '8') return redis.call('SET', 'escaped', '1')";
      const loaded = await call(bridge, "/", ["SCRIPT", "LOAD", script]);
      if (guard === "static-check") {
        expect(loaded.status).toBe(400);
        expect((loaded.json as { error: string }).error).toMatch(SCRIPT_REFUSAL[guard]);
        return;
      }
      expect(loaded.status).toBe(200);
      const res = await call(bridge, "/", ["EVALSHA", (loaded.json as { result: string }).result, 0]);
      expect(res.status).toBe(400);
      expect((res.json as { error: string }).error).toMatch(SCRIPT_REFUSAL[guard]);
    });

    it("EVALSHA of a script another client loaded over TCP (as BullMQ does)", async () => {
      const sha = (await admin(DB).script("LOAD", "return redis.call('FLUSHALL')")) as string;
      const alone = await call(bridge, "/", ["EVALSHA", sha, 0]);
      const piped = await call(bridge, "/pipeline", [["EVALSHA", sha, 0], ["PING"]]);
      const transaction = await call(bridge, "/multi-exec", [
        ["SET", "m", "1"],
        ["EVALSHA", sha, 0],
      ]);
      const exists = await call(bridge, "/", ["SCRIPT", "EXISTS", sha]);
      if (guard === "static-check") {
        // Never checked by this bridge, so it does not exist as far as its clients are concerned.
        const noscript = "NOSCRIPT No matching script. Please use EVAL.";
        expect(alone).toEqual({ status: 400, json: { error: noscript } });
        expect(piped).toEqual({ status: 200, json: [{ error: noscript }, { result: "PONG" }] });
        expect(transaction).toEqual({ status: 200, json: [{ result: "OK" }, { error: noscript }] });
        expect(exists.json).toEqual({ result: [0] });
      } else {
        expect(alone.status).toBe(400);
        expect((alone.json as { error: string }).error).toMatch(SCRIPT_REFUSAL[guard]);
        expect((piped.json as Array<{ error?: string }>)[0]?.error).toMatch(SCRIPT_REFUSAL[guard]);
        expect((transaction.json as Array<{ error?: string }>)[1]?.error).toMatch(SCRIPT_REFUSAL[guard]);
        expect(exists.json).toEqual({ result: [1] });
      }
    });
  });

  describe("what stays allowed", () => {
    it("data commands, SCAN, scripts within the allowlist, a blocking pop on its own connection", async () => {
      expect((await call(bridge, "/", ["HSET", "h", "f", "1"])).json).toEqual({ result: 1 });
      expect((await call(bridge, "/", ["SCAN", "0", "MATCH", "h*", "COUNT", "100"])).json).toEqual({ result: ["0", ["h"]] });
      expect((await call(bridge, "/", ["DBSIZE"])).json).toEqual({ result: 3 });
      const script = "redis.call('INCRBY', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1])";
      expect((await call(bridge, "/", ["EVAL", script, 1, "n", 5])).json).toEqual({ result: "5" });
      expect((await call(bridge, "/", ["BLPOP", "queue", "0.05"])).json).toEqual({ result: null });
      await admin(DB).del("h", "n");
    });
  });

  if (guard === "redis-acl") {
    it("runs every request as a user that may run the allowlist, on its own database only", async () => {
      const user = (await admin(0).call("ACL", "GETUSER", ACL_USER)) as unknown[];
      expect(String(user[user.indexOf("commands") + 1])).toMatch(/^-@all /);
      expect(user[user.indexOf("channels") + 1]).toBe("");
      const dryRun = (...command: string[]) =>
        admin(0)
          .call("ACL", "DRYRUN", ACL_USER, ...command)
          .catch((err: Error) => err.message);
      for (const allowed of [
        ["GET", "k"],
        ["EVALSHA", "x", "0"],
        ["SCAN", "0"],
        ["SCRIPT", "LOAD", "x"],
        ["SELECT", String(DB)],
        ["MULTI"],
      ]) {
        expect(await dryRun(...allowed)).toBe("OK");
      }
      for (const denied of [
        ["SELECT", "8"],
        ["FLUSHALL"],
        ["KEYS", "*"],
        ["MOVE", "k", "6"],
        ["COPY", "a", "b"],
        ["SWAPDB", "0", "1"],
        ["CONFIG", "GET", "dir"],
        ["SCRIPT", "FLUSH"],
      ]) {
        expect(await dryRun(...denied)).toMatch(/^This user has no permissions to run the/);
      }
      const clients = String(await admin(0).call("CLIENT", "LIST"))
        .split("\n")
        .filter((line) => line.includes(`user=${ACL_USER}`));
      expect(clients.length).toBeGreaterThan(0);
      for (const line of clients) expect(line).toContain(` db=${DB} `);
    });
  }
});

describe("startup", () => {
  const opsUser = { name: "ops-bridge", password: "ops-password-0123" };

  it("refuses a wrong password with one line that hides it", async () => {
    const wrong = redis.url(DB).replace(encodeURIComponent(redis.password), "wrong");
    const err = await startBridge({ redisUrl: wrong, token, port: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnreachableError);
    expect((err as RedisUnreachableError).refusedByRedis).toBe(true);
    expect((err as Error).message).toBe(
      `Redis at redis://:***@127.0.0.1:${redis.port}/${DB} refused the connection (WRONGPASS invalid username-password pair or user is disabled.)`,
    );
  });

  it("trusts a REDIS_URL user that an operator confined, and no other", async () => {
    const rules = ["+get", "+set", "+eval", "+evalsha", "+hset", "+hmget", "+ping", `+select|${DB}`];
    await admin(0).call("ACL", "SETUSER", opsUser.name, "reset", "on", `>${opsUser.password}`, "~*", ...rules);
    const confined = await startBridge({ redisUrl: redis.url(DB, opsUser), token, port: 0 });
    try {
      expect(confined.scriptGuard).toBe("redis-acl");
    } finally {
      await confined.close();
    }
    await admin(0).call("ACL", "SETUSER", opsUser.name, "+@all", "-flushall");
    const loose = await startBridge({ redisUrl: redis.url(DB, opsUser), token, port: 0 });
    try {
      expect(loose.scriptGuard).toBe("static-check");
    } finally {
      await loose.close();
    }
  });

  it("fails with one clear line when REDIS_URL's user may not create the ACL user", async () => {
    await admin(0).call("ACL", "SETUSER", opsUser.name, "reset", "on", `>${opsUser.password}`, "~*", "+@all", "-acl");
    const err = await startBridge({ redisUrl: redis.url(DB, opsUser), token, port: 0, aclUser: "another-bridge" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AclSetupError);
    expect((err as Error).message).toMatch(
      /^The REST bridge could not set up its Redis ACL user 'another-bridge' \(NOPERM .*\); REDIS_URL must name a user allowed to run ACL SETUSER$/,
    );
  });

  it("lets a second bridge set up the same ACL user while the first keeps serving", async () => {
    const first = await startBridge({ redisUrl: redis.url(DB), token, port: 0, aclUser: ACL_USER });
    const second = await startBridge({ redisUrl: redis.url(DB), token, port: 0, aclUser: ACL_USER });
    try {
      expect((await call(second, "/", ["SET", "both", "1"])).json).toEqual({ result: "OK" });
      expect((await call(first, "/", ["GET", "both"])).json).toEqual({ result: "1" });
    } finally {
      await first.close();
      await second.close();
      await admin(DB).del("both");
    }
  });
});
