/**
 * The breaker's two Redis scripts. Transitions and probe admission happen inside Redis so that
 * any number of instances agree: when the open period ends, exactly `halfOpenProbes` callers
 * (across all instances) get through, never a herd.
 *
 * KEYS (both): 1 state hash · 2 probes zset · 3 timeline list · 4 failures zset · 5 names set
 * ARGV 1..3 (both): now ms · timeline cap · dependency name
 */
const PRELUDE = `
local now = tonumber(ARGV[1])
local function transition(from, to, cause)
  redis.call("HSET", KEYS[1], "state", to, "changedAt", now, "cause", cause)
  redis.call("LPUSH", KEYS[3], cjson.encode({at = now, from = from, to = to, cause = cause}))
  redis.call("LTRIM", KEYS[3], 0, tonumber(ARGV[2]) - 1)
  redis.call("SADD", KEYS[5], ARGV[3])
end
`;

/**
 * May I call? ARGV 4 max probes · 5 probe lease ms (a probe that never reports frees its slot after
 * this) · 6 probe token.
 * Returns {"call"} (closed) | {"probe"} (half-open, slot taken) | {"open"|"half_open", retry ms}
 */
export const ADMIT_SCRIPT = `${PRELUDE}
local s = redis.call("HMGET", KEYS[1], "state", "openUntil")
local state = s[1] or "closed"
if state == "closed" then return {"call"} end
if state == "open" then
  local openUntil = tonumber(s[2]) or 0
  if now < openUntil then return {"open", openUntil - now} end
  transition("open", "half_open", "open period over")
  redis.call("HDEL", KEYS[1], "openUntil")
  redis.call("DEL", KEYS[2])
end
local lease = tonumber(ARGV[5])
redis.call("ZREMRANGEBYSCORE", KEYS[2], "-inf", now - lease)
if redis.call("ZCARD", KEYS[2]) < tonumber(ARGV[4]) then
  redis.call("ZADD", KEYS[2], now, ARGV[6])
  return {"probe"}
end
local oldest = redis.call("ZRANGE", KEYS[2], 0, 0, "WITHSCORES")
return {"half_open", math.max(1, tonumber(oldest[2]) + lease - now)}
`;

/**
 * Record a result. Sent for every failure and for every probe's outcome; a normal success in
 * CLOSED changes nothing and is not sent.
 * ARGV 4 "ok"|"fail" · 5 probe token ("" = normal call) · 6 failure threshold · 7 window ms
 *      8 open ms · 9 cause · 10 unique failure id
 * Returns {state after}
 */
export const RECORD_SCRIPT = `${PRELUDE}
local state = redis.call("HGET", KEYS[1], "state") or "closed"
local ok, openMs, cause = ARGV[4] == "ok", tonumber(ARGV[8]), ARGV[9]
if ARGV[5] ~= "" then
  redis.call("ZREM", KEYS[2], ARGV[5])
  if state ~= "half_open" then return {state} end
  redis.call("DEL", KEYS[2])
  if ok then
    transition("half_open", "closed", "probe succeeded")
    redis.call("DEL", KEYS[4])
    return {"closed"}
  end
  transition("half_open", "open", "probe failed: " .. cause)
  redis.call("HSET", KEYS[1], "openUntil", now + openMs)
  return {"open"}
end
-- Results of calls admitted before another instance opened the breaker change nothing.
if ok or state ~= "closed" then return {state} end
local window = tonumber(ARGV[7])
redis.call("SADD", KEYS[5], ARGV[3])
redis.call("ZADD", KEYS[4], now, ARGV[10])
redis.call("ZREMRANGEBYSCORE", KEYS[4], "-inf", now - window)
redis.call("PEXPIRE", KEYS[4], window)
local n = redis.call("ZCARD", KEYS[4])
if n >= tonumber(ARGV[6]) then
  transition("closed", "open", n .. " failures within " .. (window / 1000) .. " s, last: " .. cause)
  redis.call("HSET", KEYS[1], "openUntil", now + openMs)
  redis.call("DEL", KEYS[4])
  return {"open"}
end
return {"closed"}
`;
