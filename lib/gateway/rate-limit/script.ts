import { COMPANY_USAGE_KEPT_DAYS, SESSION_DIMENSION } from "./company-usage";
import { KEY_USAGE_KEPT_DAYS } from "./key-usage";

/** Per-company minute buckets live two hours and a minute: a replay of the last hour needs the whole clock hour it starts in. */
export const COMPANY_MINUTE_TTL_SECONDS = 2 * 3600 + 60;

/**
 * The gateway's one Redis round trip: authenticate an API key or check a person's session
 * generation, load the company, and decide all five rate-limit layers atomically.
 *
 * Why not @upstash/ratelimit: it decides one limiter per call (one trip each) and consumes its
 * token before we know whether a later layer refuses. SPEC requires one trip and "a request rejected
 * by any layer consumes quota in none", so every layer is read first and only incremented when
 * all pass, inside one script (Redis runs scripts atomically, so concurrent requests on any number
 * of app instances can never admit more than a limit).
 *
 * Windows are fixed (aligned to the minute/hour): exact counts, an exact reset time for
 * `RateLimit` / `Retry-After`, at the known cost of a burst at a window edge (layer 1's 50/minute
 * layer bounds it for anonymous traffic).
 *
 * ARGV: 1 now ms · 2 key prefix · 3 ip · 4 auth (anon|user|key) · 5 principal (user id or key hash)
 *       6 company id (people) · 7 endpoint group · 8 resource type · 9 apply global layer (1/0)
 *       10 global per hour · 11 global per minute · 12 user per hour (default) · 13 policy version
 *       14 metrics second (stats bucket) · 15 the person's session generation ("" = not checked)
 *       16 peek (1/0): check everything, consume nothing (Next's link prefetches)
 *       17 decision id ("" = none): when set, what this decision consumes is noted under
 *          `gw:dec:<id>` for 10 s, so a caller that gave up waiting and refused the request can
 *          refund it exactly once (REFUND_SCRIPT); a decision whose id was already refunded consumes nothing
 *       18 how long a cache epoch key lives (ms; lib/cache/version-ttl-ms.ts)
 * Returns one of:
 *   {"miss", "key"|"company"|"user", id}      a record is not in Redis: load it from MySQL and retry
 *   {"deny", reason}                          key_unknown | key_revoked | key_expired | suspended | session_ended
 *   {"ok"|"limited", layer, limit, remaining, resetSec, windowSec, companyId, tier, keyJson, touch, companyJson, epoch}
 *   (companyJson: the company's record as stored, so the instance's fallback limiter knows its limits;
 *   epoch, on "ok" with a company: its cache epoch "<company>|<global>", which lets a handler serve a cache
 *   HIT from memory without a second trip — lib/cache/epoch.ts)
 *
 * An API key's requests are also counted per UTC day and outcome (ku:<keyId>:<day>, fields ok,
 * limited:<layer>, refused) in this same trip: GET /api/v1/api-keys/{id}/usage reads them
 * (key-usage.ts). A counter is not a limit: counting a refusal consumes nothing. A company's admitted
 * API requests of the day, by endpoint group and credential, are counted the same way (cu:<company>:<day>,
 * company-usage.ts) for billing's usage.
 */
export const GATEWAY_SCRIPT = `
local now = tonumber(ARGV[1])
local P = ARGV[2]
local ip, auth, principal, cid = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local group, resource, applyGlobal = ARGV[7], ARGV[8], ARGV[9] == "1"
local statsKey = P .. "gw:stats:" .. ARGV[14]
local sessionGen, peek = ARGV[15], ARGV[16] == "1"
local decisionKey = ARGV[17] ~= "" and (P .. "gw:dec:" .. ARGV[17]) or nil
-- The caller already gave up on this decision and refunded it (the refund arrived first): consume nothing.
if decisionKey and redis.call("EXISTS", decisionKey) == 1 then return {"deny", "refunded"} end

local function stat(field)
  redis.call("HINCRBY", statsKey, field, 1)
  redis.call("EXPIRE", statsKey, 120)
end

local function set(v) return v ~= nil and v ~= cjson.null end

-- Per-company per-minute attempts (gw:cm:<company>:<minute>, kept ${COMPANY_MINUTE_TTL_SECONDS} s): n (every decided
-- request), x (refused by a layer), ok / limited:<layer>, and the units the company-dependent layers count:
-- u:<person>, e:<principal>:<group>, r:<resource>. The admin what-if replays them against proposed limits
-- (lib/services/admin/preview-company-limits.ts); the companies list sums n and x of the last hour.
local function companyMinute(outcome, k)
  if cid == "" or peek then return end
  local mk = P .. "gw:cm:" .. cid .. ":" .. math.floor(now / 60000)
  local who = k and ("k:" .. k.id) or principal
  redis.call("HINCRBY", mk, "n", 1)
  redis.call("HINCRBY", mk, outcome, 1)
  if outcome ~= "ok" then redis.call("HINCRBY", mk, "x", 1) end
  if auth == "user" then redis.call("HINCRBY", mk, "u:" .. principal, 1) end
  if group ~= "" then redis.call("HINCRBY", mk, "e:" .. who .. ":" .. group, 1) end
  if resource ~= "" then redis.call("HINCRBY", mk, "r:" .. resource, 1) end
  redis.call("EXPIRE", mk, ${COMPANY_MINUTE_TTL_SECONDS})
end

-- Per-key usage: one hash per key and UTC day, kept ${KEY_USAGE_KEPT_DAYS} days after its day ends (bounded memory);
-- the first count of an outcome in a day also names the key in that day's index (a set, same TTL).
local function usage(k, outcome)
  if not k or peek then return end
  local day = math.floor(now / 86400000)
  local uk = P .. "ku:" .. k.id .. ":" .. day
  if redis.call("HINCRBY", uk, outcome, 1) == 1 then
    local ttl = (day + 1 + ${KEY_USAGE_KEPT_DAYS}) * 86400000 - now
    redis.call("PEXPIRE", uk, ttl)
    -- the day's index of keys that were used, for the rollup into MySQL (usage_counters)
    local index = P .. "ku:used:" .. day
    redis.call("SADD", index, k.companyId .. "|" .. k.id)
    redis.call("PEXPIRE", index, ttl)
  end
end

-- Per-company usage of the UTC day (cu:<company>:<day>, company-usage.ts): admitted API requests n, by endpoint
-- group g:<group> and by credential k:<key id | ${SESSION_DIMENSION}>; the day's first count names the company in
-- cu:used:<day> for the rollup into MySQL. Both kept ${COMPANY_USAGE_KEPT_DAYS} days after their day ends.
local function companyUsage(k)
  if cid == "" or peek or group == "" then return end
  local day = math.floor(now / 86400000)
  local ck = P .. "cu:" .. cid .. ":" .. day
  if redis.call("HINCRBY", ck, "n", 1) == 1 then
    local ttl = (day + 1 + ${COMPANY_USAGE_KEPT_DAYS}) * 86400000 - now
    redis.call("PEXPIRE", ck, ttl)
    local index = P .. "cu:used:" .. day
    redis.call("SADD", index, cid)
    redis.call("PEXPIRE", index, ttl)
  end
  redis.call("HINCRBY", ck, "g:" .. group, 1)
  redis.call("HINCRBY", ck, "k:" .. (k and k.id or "${SESSION_DIMENSION}"), 1)
end

-- name, redis key, limit, window seconds, window end (ms)
local layers = {}
local function add(name, k, limit, window)
  local slot = math.floor(now / (window * 1000))
  layers[#layers + 1] = {name, P .. "rl:" .. k .. ":" .. slot, tonumber(limit), window, (slot + 1) * window * 1000}
end

-- Reads every layer first and writes nothing unless all of them admit the request; then consumes one
-- unit in each. Returns the refusing layer, or nil and the most restrictive layer with its remaining.
local function consume()
  local failed = nil
  for i, l in ipairs(layers) do
    local used = tonumber(redis.call("GET", l[2]) or "0")
    if used + 1 > l[3] and (not failed or l[5] > layers[failed][5]) then failed = i end
  end
  if failed then return layers[failed], nil, nil end
  local tightest, tightestRemaining = nil, nil
  local consumed = {}
  for _, l in ipairs(layers) do
    local used
    if peek then used = tonumber(redis.call("GET", l[2]) or "0") else used = redis.call("INCR", l[2]) end
    -- relative to the caller's clock, so app/Redis clock skew cannot expire a window early
    if used == 1 and not peek then redis.call("PEXPIRE", l[2], l[5] - now + 1000) end
    if tightestRemaining == nil or l[3] - used < tightestRemaining then tightest, tightestRemaining = l, l[3] - used end
    consumed[#consumed + 1] = l[2]
  end
  if decisionKey and not peek and #consumed > 0 then
    redis.call("SET", decisionKey, table.concat(consumed, " "), "EX", 10)
  end
  return nil, tightest, tightestRemaining
end

local function limited(l)
  stat("limited:" .. l[1])
  return {"limited", l[1], l[3], 0, math.ceil((l[5] - now) / 1000), l[4], "", "", "", 0}
end

-- A key that is unknown, revoked, expired or not loaded yet still costs its IP a unit of layer 1:
-- guessing keys is bounded like any anonymous traffic, and so is the MySQL lookup a miss leads to.
local function guardIp()
  add("global", "g:" .. ip, ARGV[10], 3600)
  add("global_burst", "gb:" .. ip, ARGV[11], 60)
  local refused = consume()
  layers = {}
  return refused
end

local keyJson = ""
local key = nil
if auth == "key" then
  keyJson = redis.call("GET", P .. "ak:" .. principal)
  local reason = nil
  if keyJson and keyJson ~= "-" then
    key = cjson.decode(keyJson)
    if set(key.revokedAt) and key.revokedAt <= now then reason = "key_revoked"
    elseif set(key.graceExpiresAt) and key.graceExpiresAt <= now then reason = "key_revoked"
    elseif set(key.expiresAt) and key.expiresAt <= now then reason = "key_expired" end
  elseif keyJson == "-" then
    reason = "key_unknown"
  end
  if not keyJson or reason then
    local refused = guardIp()
    if refused then
      usage(key, "limited:" .. refused[1])
      return limited(refused)
    end
    usage(key, "refused")
    if not keyJson then return {"miss", "key", principal} end
    stat("denied:auth")
    return {"deny", reason}
  end
  cid = key.companyId
end

-- A person's session or access token names the generation it was issued under; sign-out, a password,
-- role or membership change and disabling bump the person's record, ending every older one.
if auth == "user" and sessionGen ~= "" then
  local raw = redis.call("GET", P .. "us:" .. principal)
  if not raw then return {"miss", "user", principal} end
  if raw == "-" or tonumber(cjson.decode(raw).gen) > tonumber(sessionGen) then
    stat("denied:session")
    return {"deny", "session_ended"}
  end
end

local company, companyJson = nil, ""
if cid ~= "" then
  local raw = redis.call("GET", P .. "co:" .. cid)
  if not raw then return {"miss", "company", cid} end
  company, companyJson = cjson.decode(raw), raw
  if company.pv ~= ARGV[13] then return {"miss", "company", cid} end
  if company.status == "suspended" then
    stat("denied:suspended")
    usage(key, "refused")
    return {"deny", "suspended"}
  end
end

if applyGlobal then
  add("global", "g:" .. ip, ARGV[10], 3600)
  add("global_burst", "gb:" .. ip, ARGV[11], 60)
end
if auth == "user" then
  local perHour = ARGV[12]
  if company then perHour = company.limits.userPerHour end
  add("user", "u:" .. principal, perHour, 3600)
end
if company then
  add("company", "c:" .. cid, company.limits.companyPerHour, 3600)
  if group ~= "" and company.limits.endpoint[group] then
    add("endpoint", "e:" .. principal .. ":" .. group, company.limits.endpoint[group], 3600)
  end
  if resource ~= "" and company.limits.resource[resource] then
    add("resource", "r:" .. cid .. ":" .. resource, company.limits.resource[resource], 3600)
  end
elseif auth ~= "anon" and group ~= "" then
  -- platform admins acting outside a company still get the endpoint layer at the base tier
  add("endpoint", "e:" .. principal .. ":" .. group, 600, 3600)
end

local tier = company and company.tier or ""
-- The company's cache epoch (lib/cache/epoch.ts): moved by every cache invalidation of the company
-- (and the global one by every all-companies invalidation); an unset one starts at the clock.
local epoch = ""
if cid ~= "" then
  local ek, gk = P .. "cache:v:e:" .. cid, P .. "cache:v:eg"
  local e, g = redis.call("GET", ek), redis.call("GET", gk)
  if not e or not g then
    local t = redis.call("TIME")
    local start = "i" .. t[1] .. "." .. t[2]
    if not e then e = start; redis.call("SET", ek, e, "PX", ARGV[18]) end
    if not g then g = start; redis.call("SET", gk, g, "PX", ARGV[18]) end
  end
  epoch = e .. "|" .. g
end
if #layers == 0 then return {"ok", "", 0, 0, 0, 0, cid, tier, keyJson, 0, companyJson, epoch} end

local refused, tightest, tightestRemaining = consume()
if refused then
  usage(key, "limited:" .. refused[1])
  companyMinute("limited:" .. refused[1], key)
  local r = limited(refused)
  r[7], r[8], r[9], r[11] = cid, tier, keyJson, companyJson
  return r
end

local touch = 0
if key and not peek and redis.call("SET", P .. "ak:touch:" .. key.id, "1", "NX", "EX", 60) then touch = 1 end

if not peek then stat("allowed") end
usage(key, "ok")
companyMinute("ok", key)
companyUsage(key)
-- A refund of this decision also moves the key's "ok" to "refused" (the caller answered 503).
if decisionKey and key and not peek and redis.call("EXISTS", decisionKey) == 1 then
  redis.call("APPEND", decisionKey, " ku=" .. P .. "ku:" .. key.id .. ":" .. math.floor(now / 86400000))
end
-- ... and takes the request out of the company's usage of the day (cu=<hash>,<group>,<credential>).
if decisionKey and cid ~= "" and group ~= "" and not peek and redis.call("EXISTS", decisionKey) == 1 then
  redis.call("APPEND", decisionKey, " cu=" .. P .. "cu:" .. cid .. ":" .. math.floor(now / 86400000) .. "," .. group .. "," .. (key and key.id or "${SESSION_DIMENSION}"))
end
return {"ok", tightest[1], tightest[3], tightestRemaining, math.ceil((tightest[5] - now) / 1000), tightest[4], cid, tier, keyJson, touch, companyJson, epoch}
`;

/**
 * Gives back what one decision consumed, exactly once: the caller stopped waiting for it (the 250 ms
 * deadline) and refused the request (API keys fail closed), so SPEC's "a refused request consumes
 * nothing" must hold even though the script may have run. ARGV: 1 key prefix · 2 decision id.
 * Marks the id refunded either way, so a decision that reaches Redis after its refund consumes
 * nothing. A window that has ended meanwhile is not recreated; an API key's usage of the day moves
 * from ok to refused. Returns how many layers were refunded.
 */
export const REFUND_SCRIPT = `
local k = ARGV[1] .. "gw:dec:" .. ARGV[2]
local v = redis.call("GET", k)
redis.call("SET", k, "-", "EX", 10)
if not v or v == "-" then return 0 end
local n = 0
for key in string.gmatch(v, "%S+") do
  if string.sub(key, 1, 3) == "ku=" then
    -- the key's usage of the day: the request was answered 503, so it was refused, not ok
    local uk = string.sub(key, 4)
    if redis.call("EXISTS", uk) == 1 then
      redis.call("HINCRBY", uk, "ok", -1)
      redis.call("HINCRBY", uk, "refused", 1)
    end
  elseif string.sub(key, 1, 3) == "cu=" then
    -- the company's usage of the day: the request was not admitted after all
    local ck, g, who = string.match(string.sub(key, 4), "^(.+),([^,]+),([^,]+)$")
    if ck and redis.call("EXISTS", ck) == 1 then
      redis.call("HINCRBY", ck, "n", -1)
      redis.call("HINCRBY", ck, "g:" .. g, -1)
      redis.call("HINCRBY", ck, "k:" .. who, -1)
    end
  elseif redis.call("EXISTS", key) == 1 then
    redis.call("DECR", key)
    n = n + 1
  end
end
return n
`;
