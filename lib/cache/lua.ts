/**
 * The cache's Redis scripts. Scripts, not pipelines, because each decision reads versions and then
 * acts on them (take the lock, write only if unchanged) and must not interleave with an
 * invalidation from another instance.
 *
 * A version vector ("vv") is the current value of an entry's version keys joined with ","; an
 * unset key counts as "0". Versions come from one counter (cache:seq), so a value is never reused:
 * a version key that expired and was bumped again can never match an entry built before.
 *
 * Strings returned to the client start with a letter ("v…", "b…") so @upstash/redis's automatic
 * JSON deserialization leaves them alone; the body is parsed by us, once.
 */

const VECTOR = `
local parts = {}
for i = 3, #KEYS do parts[#parts + 1] = redis.call("GET", KEYS[i]) or "0" end
local vv = table.concat(parts, ",")
`;

/**
 * Read (one trip per request, hit or miss).
 * KEYS: 1 entry · 2 lock · 3.. version keys
 * ARGV: 1 now ms · 2 lock ms · 3 lock token · 4 vv of the caller's in-memory copy ("" = none)
 * Returns {"l1", vv} | {"hit", vv, body, freshUntil} | {"stale", vv, body, gotLock} | {"miss", vv, gotLock}
 */
export const READ_SCRIPT = `${VECTOR}
if ARGV[4] ~= "" and ARGV[4] == vv then return {"l1", "v" .. vv} end
local function lock()
  if redis.call("SET", KEYS[2], ARGV[3], "NX", "PX", ARGV[2]) then return 1 end
  return 0
end
local now = tonumber(ARGV[1])
local e = redis.call("HMGET", KEYS[1], "vv", "fresh", "stale", "body")
if e[1] == vv and e[4] then
  local fresh, stale = tonumber(e[2]), tonumber(e[3])
  if now < fresh then return {"hit", "v" .. vv, "b" .. e[4], fresh} end
  if now < stale then return {"stale", "v" .. vv, "b" .. e[4], lock()} end
end
return {"miss", "v" .. vv, lock()}
`;

/**
 * Write what a loader produced, only if no invalidation happened since the read that started the
 * load (otherwise the value may predate a committed write), and release the lock if still ours.
 * KEYS: as READ · ARGV: 1 vv at the read · 2 fresh until · 3 stale until · 4 body · 5 entry px · 6 lock token
 * Returns 1 written | 0 skipped
 */
export const WRITE_SCRIPT = `${VECTOR}
local wrote = 0
if vv == ARGV[1] then
  redis.call("HSET", KEYS[1], "vv", vv, "fresh", ARGV[2], "stale", ARGV[3], "body", ARGV[4])
  redis.call("PEXPIRE", KEYS[1], ARGV[5])
  wrote = 1
end
if redis.call("GET", KEYS[2]) == ARGV[6] then redis.call("DEL", KEYS[2]) end
return wrote
`;

/**
 * The last resort: the entry's body if it is still current (no invalidation since it was built),
 * however old — read only when the loader could not reach its database. Entries stay in Redis for
 * LAST_RESORT_KEEP_MS past their stale window for this.
 * KEYS: as READ · Returns "b"..body | ""
 */
export const LAST_RESORT_SCRIPT = `${VECTOR}
local e = redis.call("HMGET", KEYS[1], "vv", "body")
if e[1] == vv and e[2] then return "b" .. e[2] end
return ""
`;

/** Release the lock after a failed load, if still ours. KEYS: 1 lock · ARGV: 1 token */
export const RELEASE_SCRIPT = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0
`;

/**
 * Invalidate: draw one new version and give it to every listed key.
 * KEYS: 1 cache:seq · 2.. version keys · ARGV: 1 version key px
 */
export const INVALIDATE_SCRIPT = `
local v = redis.call("INCR", KEYS[1])
local epochs = tonumber(ARGV[2] or "0")
for i = 2, #KEYS - epochs do redis.call("SET", KEYS[i], v, "PX", ARGV[1]) end
if epochs > 0 then
  -- epochs (the last ARGV[2] keys) take a value never seen before, even after Redis lost the counter
  local t = redis.call("TIME")
  for i = #KEYS - epochs + 1, #KEYS do redis.call("SET", KEYS[i], v .. "." .. t[1] .. "." .. t[2], "PX", ARGV[1]) end
end
return v
`;
