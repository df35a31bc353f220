import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALLOWED_ENTRIES, SCRIPT_COMMANDS, disallowedName } from "@/lib/redis/bridge/allowlist";
import { checkScript } from "@/lib/redis/bridge/lua-check";
import { stripShebang } from "@/lib/redis/bridge/scripts";

/**
 * The bridge's static Lua check (lib/redis/bridge/lua-check.ts): every script the app and
 * @upstash/ratelimit send passes it, and the ways a script could name a command the check cannot
 * see are refused.
 */

const root = path.resolve(import.meta.dirname, "../..");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every template literal that calls redis.call/pcall, interpolations dropped (they hold other literals). */
function luaLiterals(file: string): string[] {
  const text = readFileSync(file, "utf8");
  // Only literals in code position (after `=`, `(` or `,`): backticks in comments would pair up wrongly.
  return [...text.matchAll(/[=(,]\s*`((?:[^`\\]|\\.)*)`/gs)]
    .map((m) => (m[1] as string).replace(/\$\{[^}]*\}/g, ""))
    .filter((body) => /redis\.p?call\(/.test(body));
}

const appScripts = [...tsFiles(path.join(root, "lib")), ...tsFiles(path.join(root, "scripts"))]
  .map((file) => path.relative(root, file).split(path.sep).join("/"))
  .filter((file) => !file.startsWith("lib/redis/bridge/"))
  .flatMap((file) => luaLiterals(path.join(root, file)).map((body) => ({ where: file, body })));
const ratelimitScripts = luaLiterals(path.join(root, "node_modules/@upstash/ratelimit/dist/index.mjs")).map((body) => ({
  where: "@upstash/ratelimit",
  body,
}));

const check = (source: string) => checkScript(source, SCRIPT_COMMANDS);

describe("the scripts the app and @upstash/ratelimit send", () => {
  it("were all found (the gateway, cache, breaker, jobs, records, calls, metrics; ratelimit's 14)", () => {
    const files = new Set(appScripts.map((s) => s.where));
    for (const expected of [
      "lib/gateway/rate-limit/script.ts",
      "lib/cache/lua.ts",
      "lib/breaker/lua.ts",
      "lib/jobs/dead-letters.ts",
      "lib/gateway/sync/write-record-if-newer.ts",
      "lib/services/calls/place-call.ts",
      "lib/metrics/rollup-edge-stats.ts",
    ]) {
      expect(files).toContain(expected);
    }
    expect(ratelimitScripts.length).toBeGreaterThanOrEqual(14);
  });

  it.each([...appScripts, ...ratelimitScripts].map((s, i) => [`${s.where} #${i}`, s.body]))("%s passes the check", (_where, body) => {
    expect(check(stripShebang(body) ?? body)).toBeUndefined();
  });
});

describe("scripts the check accepts", () => {
  it.each([
    ['return redis.call("GET", KEYS[1])'],
    ["return redis.pcall('incrby', KEYS[1], ARGV[1])"],
    ['local ok = redis.call(\n  "SET", KEYS[1], ARGV[1], "NX", "PX", 100)\nreturn ok'],
    ['-- redis.call("FLUSHALL") in a comment\nreturn redis.call("PING")'],
    ['--[==[ redis.call("FLUSHALL") ]==] return redis.call("PING")'],
    ["local s = \"redis.call('FLUSHALL')\" return s"],
    ["local s = [[redis.call('SELECT', 8)]] return s"],
    ["local s = 'a\\' redis.call(\"FLUSHALL\") --' return s"],
    ['return redis.sha1hex("x") .. redis.status_reply("OK").ok'],
    ["local t = {} t.load = 1 t.redis = 2 return t.load"],
    ['return redis.call("XGROUP", "CREATE", KEYS[1], "g", "$", "MKSTREAM")'],
    // @upstash/ratelimit's deny-list script passes its arguments on whole.
    ["return redis.call('SMISMEMBER', KEYS[1], unpack(ARGV))"],
    ["return redis.call('DEL', unpack( KEYS ))"],
    ["local t = {} t.bit = 1 t.unpack = 2 return t.bit + t.unpack"],
  ])("%j", (source) => {
    expect(check(source)).toBeUndefined();
  });
});

describe("scripts the check refuses", () => {
  it.each([
    ["a disallowed command", "redis.call('FLUSHALL')", /^ERR Command is not available: 'FLUSHALL' \(script line 1\)$/],
    ["SELECT", "redis.call('SELECT', 8)\nreturn redis.call('SET', KEYS[1], 'v')", /'SELECT'/],
    ["MOVE", "return redis.call('MOVE', KEYS[1], 6)", /'MOVE'/],
    ["COPY … DB", "return redis.call('COPY', KEYS[1], KEYS[1], 'DB', 7)", /'COPY'/],
    ["SWAPDB", "return redis.call('SWAPDB', 5, 9)", /'SWAPDB'/],
    ["CONFIG", "return redis.pcall('config', 'set', 'dir', '/tmp')", /'CONFIG'/],
    ["KEYS", "return redis.call('KEYS', '*')", /'KEYS'/],
    ["the line of the call", 'local a = 1\n\n  redis.call("SHUTDOWN")', /'SHUTDOWN' \(script line 3\)/],
    ["a name from ARGV", "return redis.call(ARGV[1])", /plain string literal/],
    ["a built name", "return redis.call('FLUSH' .. 'ALL')", /plain string literal/],
    ["a name through a function", "return redis.call(string.upper('flushall'))", /plain string literal/],
    ["an escaped name", "return redis.call('FLUSH\\65LL')", /plain string literal/],
    ["a long-bracket name", "return redis.call([[FLUSHALL]])", /plain string literal/],
    ["a call without parentheses", "return redis.call'FLUSHALL'", /plain string literal/],
    ["redis.call taken as a value", "local c = redis.call\nreturn c('FLUSHALL')", /plain string literal/],
    ["pcall(redis.call, …)", "return pcall(redis.call, 'FLUSHALL')", /plain string literal/],
    ["indexing redis with brackets", "return redis['call']('FLUSHALL')", /may only be used as redis.call/],
    ["redis as a value", "local r = redis\nreturn r.call('FLUSHALL')", /may only be used/],
    ["method syntax", "return redis:call('FLUSHALL')", /may only be used/],
    ["another field", "redis.breakpoint()", /'redis.breakpoint' may only be used/],
    ["the server alias", "return server.call('FLUSHALL')", /'FLUSHALL'/],
    ["_G", "return _G.redis.call('FLUSHALL')", /'_G' is not available/],
    ["_G with a string key", "return _G['re' .. 'dis'].call('FLUSHALL')", /'_G' is not available/],
    ["getfenv", "return getfenv(1).redis.call('FLUSHALL')", /'getfenv' is not available/],
    ["loadstring", "return loadstring(ARGV[1])()", /'loadstring' is not available/],
    ["load", "return load(function() return nil end)", /'load' is not available/],
    ["rawget", "return rawget(KEYS, 1)", /'rawget' is not available/],
    ["setmetatable", "setmetatable({}, {})", /'setmetatable' is not available/],
    ["Redis' error handler", "return __redis__err__handler", /not available/],
    // Entry points of Redis Lua CVEs, and libraries the app's scripts do not use.
    ["bit.tohex", "return bit.tohex(65535, -2147483648)", /'bit' is not available/],
    ["collectgarbage", "collectgarbage('collect') return 1", /'collectgarbage' is not available/],
    ["gcinfo", "return gcinfo()", /'gcinfo' is not available/],
    ["struct", "return struct.unpack('HB', ARGV[1])", /'struct' is not available/],
    ["cmsgpack", "return cmsgpack.unpack(ARGV[1])", /'cmsgpack' is not available/],
    ["coroutine", "return coroutine.wrap(function() end)", /'coroutine' is not available/],
    ["os", "return os.clock()", /'os' is not available/],
    ["print", "print('x') return 1", /'print' is not available/],
    ["unpack with a range", "return unpack({}, 0, 2147483647)", /unpack\(ARGV\) or unpack\(KEYS\)/],
    ["unpack of ARGV with a range", "return unpack(ARGV, 0, 2147483647)", /unpack\(ARGV\)/],
    ["unpack taken as a value", "local u = unpack return u({}, 0, 2147483647)", /unpack\(ARGV\)/],
    ["unpack of another table", "return unpack({1, 2})", /unpack\(ARGV\)/],
    ["code after a \\r that ends a line comment", "-- harmless\rredis.call('FLUSHALL')", /'FLUSHALL'/],
    ["code after a closed long comment", "--[[ x ]] redis.call('FLUSHALL')", /'FLUSHALL'/],
    ["a long comment closed at another level", "--[==[ ]] redis.call('PING') ]=] ]==] redis.call('FLUSHALL')", /'FLUSHALL'/],
    ["an unfinished long comment", "--[[ redis.call('FLUSHALL')", /unfinished long comment/],
    ["an unfinished string", "local s = 'abc\nredis.call('FLUSHALL')", /unfinished string/],
    ["a script over 64 KB", `return redis.call('GET', KEYS[1]) ${"-- padding\n".repeat(6000)}`, /it reads scripts of up to 64 KB$/],
  ])("%s", (_label, source, message) => {
    const problem = check(source);
    expect(problem?.message).toMatch(/^ERR /);
    expect(problem?.message).toMatch(message);
  });
});

describe("the allowlist", () => {
  it("keeps out every command the brief names, and SCAN stays in", () => {
    for (const name of [
      "FLUSHALL",
      "FLUSHDB",
      "SHUTDOWN",
      "KEYS",
      "SAVE",
      "BGSAVE",
      "MOVE",
      "SWAPDB",
      "SELECT",
      "COPY",
      "MIGRATE",
      "PUBLISH",
    ]) {
      expect(disallowedName(name, undefined)).toBe(name);
      expect(SCRIPT_COMMANDS.has(name)).toBe(false);
    }
    expect(disallowedName("config", "set")).toBe("CONFIG");
    expect(disallowedName("DEBUG", "SLEEP")).toBe("DEBUG");
    expect(disallowedName("module", "load")).toBe("MODULE");
    expect(disallowedName("REPLICAOF", "NO")).toBe("REPLICAOF");
    expect(disallowedName("script", "flush")).toBe("SCRIPT FLUSH");
    expect(disallowedName("SCRIPT", undefined)).toBe("SCRIPT");
    expect(disallowedName("script", "load")).toBeUndefined();
    expect(disallowedName("scan", "0")).toBeUndefined();
    expect(SCRIPT_COMMANDS.has("SCAN")).toBe(true);
    expect(SCRIPT_COMMANDS.has("EVAL")).toBe(false);
  });

  it("has no entry twice and only upper-case names", () => {
    expect(new Set(ALLOWED_ENTRIES).size).toBe(ALLOWED_ENTRIES.length);
    for (const entry of ALLOWED_ENTRIES) expect(entry).toBe(entry.toUpperCase());
  });
});
