import { createHmac } from "node:crypto";
import type { Redis } from "ioredis";
import { ALLOWED_ENTRIES } from "./allowlist";
import { connectRedis, databaseOf, passwordOf } from "./connect";
import type { ScriptGuard } from "./scripts";

/**
 * Who keeps Lua scripts to the allowlist. The bridge refuses disallowed commands itself, but Redis 7
 * lets a script call any command its connection's user may run, so scripts need a second guard:
 *
 * - "redis-acl", the strong one: the bridge's Redis user may run only the allowlisted commands and
 *   SELECT only its own database (`+select|<db>`). Redis applies a user's ACL to the commands a script
 *   calls as well ("The user executing the script can't run this command"), whatever way the script
 *   builds the command's name. The bridge gets there either because REDIS_URL names such a user, or
 *   because it was asked to create one (`aclUser`, BRIDGE_ACL_USER): it then connects with REDIS_URL's
 *   credentials once, writes the user with ACL SETUSER, and serves every request as that user.
 * - "static-check", the fallback: REDIS_URL's user may run anything (the default user of a local
 *   Redis, a Redis shared with other apps where the bridge must not change ACLs), so the bridge reads
 *   every script before it reaches Redis (lua-check.ts) and runs only checked ones.
 *
 * Which one holds is not assumed but asked of Redis at startup: a script calls redis.acl_check_cmd
 * (Redis ≥ 7.0) for each command in MUST_BE_DENIED, as the bridge's user. Only when Redis says all of
 * them are denied does the bridge rely on the ACL.
 */

/** Commands (with arguments) the bridge's user must not be able to run for the ACL to be trusted. */
function mustBeDenied(db: number): string[][] {
  const otherDatabases = [...Array.from({ length: 16 }, (_, n) => n), 999].filter((n) => n !== db).map((n) => ["SELECT", String(n)]);
  return [
    ...otherDatabases,
    ["MOVE", "k", "1"],
    ["COPY", "k", "k2", "DB", "1"],
    ["SWAPDB", "0", "1"],
    ["MIGRATE", "127.0.0.1", "6379", "k", "0", "1000"],
    ["FLUSHALL"],
    ["FLUSHDB"],
    ["KEYS", "*"],
    ["CONFIG", "SET", "dir", "/tmp"],
    ["CONFIG", "GET", "dir"],
    ["SHUTDOWN"],
    ["DEBUG", "SLEEP", "0"],
    ["MODULE", "LIST"],
    ["REPLICAOF", "NO", "ONE"],
    ["SLAVEOF", "NO", "ONE"],
    ["FAILOVER"],
    ["SAVE"],
    ["BGSAVE"],
    ["BGREWRITEAOF"],
    ["ACL", "SETUSER", "x"],
    ["CLIENT", "KILL", "ID", "1"],
    ["SCRIPT", "FLUSH"],
    ["SCRIPT", "KILL"],
    ["FUNCTION", "FLUSH"],
    ["FUNCTION", "LOAD", "x"],
    ["FCALL", "f", "0"],
    ["PUBLISH", "channel", "message"],
    ["RESTORE", "k", "0", "x"],
  ];
}

/** Asks Redis, as the connection's user, which of the given commands that user may run. */
const PROBE_SCRIPT = `
if type(redis.acl_check_cmd) ~= "function" then return {"unsupported"} end
local permitted = {"checked"}
for i = 1, #ARGV do
  local spec = cjson.decode(ARGV[i])
  local ok, allowed = pcall(redis.acl_check_cmd, unpack(spec))
  if ok and allowed then permitted[#permitted + 1] = table.concat(spec, " ") end
end
return permitted
`;

/** A command the user must be able to run; if Redis says no, the probe itself cannot be trusted. */
const CONTROL = ["GET", "k"];

export interface Confinement {
  guard: ScriptGuard;
  /** One line for the log: why this guard. */
  detail: string;
}

/** Which guard holds for this connection's user (see the file comment). */
export async function probeConfinement(redis: Redis, db: number): Promise<Confinement> {
  const denied = mustBeDenied(db);
  let reply: string[];
  try {
    reply = (await redis.eval(PROBE_SCRIPT, 0, ...[CONTROL, ...denied].map((spec) => JSON.stringify(spec)))) as string[];
  } catch (err) {
    return { guard: "static-check", detail: `could not ask Redis about its ACL (${(err as Error).message})` };
  }
  if (reply[0] !== "checked") return { guard: "static-check", detail: "this Redis cannot check ACLs from a script (needs 7.0+)" };
  const permitted = new Set(reply.slice(1));
  if (!permitted.has(CONTROL.join(" "))) return { guard: "static-check", detail: "the ACL check answered no even for GET" };
  const open = denied.map((spec) => spec.join(" ")).filter((spec) => permitted.has(spec));
  if (open.length > 0) {
    const shown = open.slice(0, 4).join(", ") + (open.length > 4 ? ", …" : "");
    return { guard: "static-check", detail: `REDIS_URL's user may run ${shown}` };
  }
  return { guard: "redis-acl", detail: "REDIS_URL's user may run only the allowlist" };
}

/** Startup failure of the ACL user setup, fit to print as is. */
export class AclSetupError extends Error {
  constructor(user: string, reason: string) {
    super(
      `The REST bridge could not set up its Redis ACL user '${user}' (${reason}); REDIS_URL must name a user allowed to run ACL SETUSER`,
    );
    this.name = "AclSetupError";
  }
}

/**
 * The confined user's password: derived, so every bridge in front of the same Redis (replicas,
 * restarts) agrees on it without storing it anywhere. Keyed by the bridge token and REDIS_URL's
 * password: a client holding only the token cannot derive it.
 */
export function aclPassword(token: string, user: string, redisUrl: string): string {
  return createHmac("sha256", token)
    .update(`switchboard-bridge-acl\n${user}\n${passwordOf(redisUrl)}`)
    .digest("hex");
}

/**
 * Creates or resets `user` so that it may run the allowlist and nothing else, on every key, no pub/sub
 * channel, and SELECT only `db`. Commands this Redis does not know (RedisJSON without the module, hash
 * field expiry before 7.4) are left out: ACL SETUSER refuses unknown names.
 */
export async function provisionAclUser(admin: Redis, user: string, password: string, db: number): Promise<void> {
  const rules = await knownRules(admin);
  const select = db === 0 ? [] : [`+select|${db}`];
  // MULTI/EXEC/DISCARD are the bridge's own, for /multi-exec (clients cannot send them: policy.ts).
  const transactions = ["+multi", "+exec", "+discard"];
  await admin.call("ACL", "SETUSER", user, "reset", "on", `>${password}`, "~*", "resetchannels", ...rules, ...transactions, ...select);
}

async function knownRules(admin: Redis): Promise<string[]> {
  const names = [...new Set(ALLOWED_ENTRIES.map((entry) => (entry.split(" ")[0] as string).toLowerCase()))];
  const infos = (await admin.call("COMMAND", "INFO", ...names)) as Array<unknown[] | null>;
  const known = new Map<string, Set<string> | undefined>();
  names.forEach((name, i) => {
    const info = infos[i];
    if (!info) return;
    // Redis 7 lists subcommands as "script|load" in the tenth field; Redis 6 has no such field.
    const subs = Array.isArray(info[9]) ? new Set((info[9] as unknown[][]).map((sub) => String(sub[0]).toLowerCase())) : undefined;
    known.set(name, subs);
  });
  const rules: string[] = [];
  for (const entry of ALLOWED_ENTRIES) {
    const [name, sub] = entry.toLowerCase().split(" ") as [string, string | undefined];
    if (!known.has(name)) continue;
    if (sub === undefined) rules.push(`+${name}`);
    else {
      const subs = known.get(name);
      if (!subs || subs.has(`${name}|${sub}`)) rules.push(`+${name}|${sub}`);
    }
  }
  return rules;
}

export interface ConfinedConnection extends Confinement {
  redis: Redis;
}

/**
 * The bridge's Redis connection and the guard that holds for it. With `aclUser`, first sets that user
 * up through REDIS_URL's own credentials, then connects as it.
 */
export async function connectConfined(opts: {
  redisUrl: string;
  token: string;
  aclUser?: string;
  log: (line: string) => void;
}): Promise<ConfinedConnection> {
  const db = databaseOf(opts.redisUrl);
  let redis: Redis;
  if (opts.aclUser) {
    const password = aclPassword(opts.token, opts.aclUser, opts.redisUrl);
    const admin = await connectRedis(opts.redisUrl, () => {});
    try {
      await provisionAclUser(admin, opts.aclUser, password, db);
    } catch (err) {
      throw new AclSetupError(opts.aclUser, (err as Error).message);
    } finally {
      admin.disconnect();
    }
    redis = await connectRedis(opts.redisUrl, opts.log, { user: { name: opts.aclUser, password } });
  } else {
    redis = await connectRedis(opts.redisUrl, opts.log);
  }
  try {
    return { redis, ...(await probeConfinement(redis, db)) };
  } catch (err) {
    redis.disconnect();
    throw err;
  }
}
