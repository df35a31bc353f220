/**
 * The commands the REST bridge runs. Anything else is refused before Redis sees it, with Upstash's
 * own wording for a command it does not offer (HTTP 400, `ERR Command is not available: 'X'`).
 *
 * How the list was drawn: every command class @upstash/redis 1.39 sends (node_modules/@upstash/redis,
 * `class … extends Command` → its first word), the commands @upstash/ratelimit 2.2 sends and calls
 * from its Lua scripts, and every command the app sends or calls from Lua (lib/**, scripts/**; the
 * unit test tests/unit/bridge-lua-check.test.ts re-reads all of those scripts against this list).
 * From that union the bridge keeps the data commands and drops:
 * - what reaches past the bridge's one database: SELECT, MOVE, SWAPDB, COPY (its DB option; neither
 *   Redis ACLs nor a static script check can forbid one argument, so COPY goes as a whole), MIGRATE,
 *   PUBLISH and every pub/sub command (channels are server-wide, not per database);
 * - server administration and server-wide state: FLUSHALL, FLUSHDB, CONFIG, SHUTDOWN, DEBUG, MODULE,
 *   REPLICAOF/SLAVEOF, SAVE/BGSAVE, ACL, CLIENT, SCRIPT FLUSH/KILL, FUNCTION/FCALL (libraries are
 *   server-wide), INFO;
 * - KEYS (one O(N) call that blocks Redis; SCAN pages through the same keys);
 * - what changes the shared connection: MULTI/EXEC/WATCH (use /multi-exec), AUTH, HELLO, RESET, QUIT.
 * and adds the blocking list and sorted-set pops Upstash offers (the bridge gives each its own
 * connection, see executor.ts). Upstash-only commands (VECTOR.*, AR*) are left out: Redis has none.
 *
 * A `NAME SUB` entry allows only that subcommand. Inside Lua scripts the same list applies, less the
 * scripting commands themselves (Redis refuses EVAL inside a script anyway).
 */
export const ALLOWED_COMMANDS = {
  string: [
    "APPEND",
    "DECR",
    "DECRBY",
    "GET",
    "GETDEL",
    "GETEX",
    "GETRANGE",
    "GETSET",
    "INCR",
    "INCRBY",
    "INCRBYFLOAT",
    "MGET",
    "MSET",
    "MSETNX",
    "PSETEX",
    "SET",
    "SETEX",
    "SETNX",
    "SETRANGE",
    "STRLEN",
  ],
  bitmap: ["BITCOUNT", "BITFIELD", "BITFIELD_RO", "BITOP", "BITPOS", "GETBIT", "SETBIT"],
  hash: [
    "HDEL",
    "HEXISTS",
    "HEXPIRE",
    "HEXPIREAT",
    "HEXPIRETIME",
    "HGET",
    "HGETALL",
    "HGETDEL",
    "HGETEX",
    "HINCRBY",
    "HINCRBYFLOAT",
    "HKEYS",
    "HLEN",
    "HMGET",
    "HMSET",
    "HPERSIST",
    "HPEXPIRE",
    "HPEXPIREAT",
    "HPEXPIRETIME",
    "HPTTL",
    "HRANDFIELD",
    "HSCAN",
    "HSET",
    "HSETEX",
    "HSETNX",
    "HSTRLEN",
    "HTTL",
    "HVALS",
  ],
  list: [
    "BLMOVE",
    "BLMPOP",
    "BLPOP",
    "BRPOP",
    "BRPOPLPUSH",
    "LINDEX",
    "LINSERT",
    "LLEN",
    "LMOVE",
    "LMPOP",
    "LPOP",
    "LPOS",
    "LPUSH",
    "LPUSHX",
    "LRANGE",
    "LREM",
    "LSET",
    "LTRIM",
    "RPOP",
    "RPOPLPUSH",
    "RPUSH",
    "RPUSHX",
  ],
  set: [
    "SADD",
    "SCARD",
    "SDIFF",
    "SDIFFSTORE",
    "SINTER",
    "SINTERCARD",
    "SINTERSTORE",
    "SISMEMBER",
    "SMEMBERS",
    "SMISMEMBER",
    "SMOVE",
    "SPOP",
    "SRANDMEMBER",
    "SREM",
    "SSCAN",
    "SUNION",
    "SUNIONSTORE",
  ],
  sortedSet: [
    "BZMPOP",
    "BZPOPMAX",
    "BZPOPMIN",
    "ZADD",
    "ZCARD",
    "ZCOUNT",
    "ZDIFFSTORE",
    "ZINCRBY",
    "ZINTERSTORE",
    "ZLEXCOUNT",
    "ZMSCORE",
    "ZPOPMAX",
    "ZPOPMIN",
    "ZRANGE",
    "ZRANK",
    "ZREM",
    "ZREMRANGEBYLEX",
    "ZREMRANGEBYRANK",
    "ZREMRANGEBYSCORE",
    "ZREVRANK",
    "ZSCAN",
    "ZSCORE",
    "ZUNION",
    "ZUNIONSTORE",
  ],
  hyperLogLog: ["PFADD", "PFCOUNT", "PFMERGE"],
  geo: ["GEOADD", "GEODIST", "GEOHASH", "GEOPOS", "GEOSEARCH", "GEOSEARCHSTORE"],
  stream: [
    "XACK",
    "XACKDEL",
    "XADD",
    "XCLAIM",
    "XDEL",
    "XDELEX",
    "XGROUP CREATE",
    "XGROUP CREATECONSUMER",
    "XGROUP DELCONSUMER",
    "XGROUP DESTROY",
    "XGROUP SETID",
    "XINFO CONSUMERS",
    "XINFO GROUPS",
    "XINFO STREAM",
    "XLEN",
    "XPENDING",
    "XRANGE",
    "XREAD",
    "XREADGROUP",
    "XREVRANGE",
    "XTRIM",
  ],
  /** RedisJSON: per-key like any data type; Redis without the module answers "unknown command". */
  json: [
    "JSON.ARRAPPEND",
    "JSON.ARRINDEX",
    "JSON.ARRINSERT",
    "JSON.ARRLEN",
    "JSON.ARRPOP",
    "JSON.ARRTRIM",
    "JSON.CLEAR",
    "JSON.DEL",
    "JSON.FORGET",
    "JSON.GET",
    "JSON.MERGE",
    "JSON.MGET",
    "JSON.MSET",
    "JSON.NUMINCRBY",
    "JSON.NUMMULTBY",
    "JSON.OBJKEYS",
    "JSON.OBJLEN",
    "JSON.RESP",
    "JSON.SET",
    "JSON.STRAPPEND",
    "JSON.STRLEN",
    "JSON.TOGGLE",
    "JSON.TYPE",
  ],
  /** Keys of this database only. DBSIZE and RANDOMKEY are O(1); SCAN instead of KEYS. */
  keys: [
    "DBSIZE",
    "DEL",
    "EXISTS",
    "EXPIRE",
    "EXPIREAT",
    "PERSIST",
    "PEXPIRE",
    "PEXPIREAT",
    "PTTL",
    "RANDOMKEY",
    "RENAME",
    "RENAMENX",
    "SCAN",
    "TOUCH",
    "TTL",
    "TYPE",
    "UNLINK",
  ],
  scripting: ["EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "SCRIPT EXISTS", "SCRIPT LOAD"],
  server: ["ECHO", "PING", "TIME"],
} as const satisfies Record<string, readonly string[]>;

const SCRIPTING = new Set<string>(ALLOWED_COMMANDS.scripting.map((entry) => entry.split(" ")[0] as string));

/** Every allowed entry, upper case: `GET`, `SCRIPT LOAD`. */
export const ALLOWED_ENTRIES: readonly string[] = Object.values(ALLOWED_COMMANDS).flat();

/** Commands allowed whatever their first argument, and the containers allowed only for some subcommands. */
const WHOLE = new Set<string>();
const PARTIAL = new Map<string, Set<string>>();
for (const entry of ALLOWED_ENTRIES) {
  const [name, sub] = entry.split(" ") as [string, string | undefined];
  if (sub === undefined) WHOLE.add(name);
  else PARTIAL.set(name, (PARTIAL.get(name) ?? new Set()).add(sub));
}

/**
 * The command names a Lua script may pass to redis.call / redis.pcall when the bridge checks scripts
 * itself (lua-check.ts): the allowlist without the scripting commands. A container (XGROUP, XINFO)
 * counts as allowed as a whole there: every subcommand of the two is a per-key data operation.
 */
export const SCRIPT_COMMANDS: ReadonlySet<string> = new Set(
  [...WHOLE, ...PARTIAL.keys()].filter((name) => !SCRIPTING.has(name) && name !== "SCRIPT"),
);

/** `FLUSHALL` or `SCRIPT FLUSH` when the command is not allowed, undefined when it is. */
export function disallowedName(name: string, sub: string | undefined): string | undefined {
  const upper = name.toUpperCase();
  if (WHOLE.has(upper)) return undefined;
  const subs = PARTIAL.get(upper);
  if (!subs) return upper;
  const upperSub = sub?.toUpperCase() ?? "";
  return subs.has(upperSub) ? undefined : `${upper} ${upperSub}`.trimEnd();
}
