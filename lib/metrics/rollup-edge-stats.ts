import { redisEnv } from "@/lib/env/redis";
import { getRedis } from "@/lib/redis/client";

/**
 * The edge counts its decisions per second in short-lived hashes (gw:stats:<sec>, 120 s). Prometheus
 * needs counters that only grow, so this folds every completed second into gw:totals exactly once:
 * atomically (one script), remembering the last second it folded. Whoever runs it first wins — the
 * worker's rollup job every few seconds, or a scrape of /api/metrics — and nobody counts twice.
 *
 * ARGV: 1 key prefix · 2 now (epoch seconds). Seconds up to now-2 are folded (the edge may still be
 * writing now-1); at most the last 110 are looked at (older ones have expired).
 */
const ROLLUP_SCRIPT = `
local P = ARGV[1]
local upto = tonumber(ARGV[2]) - 2
local lastKey = P .. "gw:totals:last"
local totals = P .. "gw:totals"
local last = tonumber(redis.call("GET", lastKey) or "0")
local from = math.max(last + 1, upto - 110)
local folded = 0
for sec = from, upto do
  local fields = redis.call("HGETALL", P .. "gw:stats:" .. sec)
  for i = 1, #fields, 2 do
    redis.call("HINCRBY", totals, fields[i], tonumber(fields[i + 1]))
  end
  folded = folded + 1
end
if upto > last then redis.call("SET", lastKey, upto) end
return folded
`;

/** Folds completed edge seconds into the cluster totals; returns how many seconds it folded. */
export async function rollupEdgeStats(nowMs = Date.now()): Promise<number> {
  const out = await getRedis().eval(ROLLUP_SCRIPT, [], [redisEnv().REDIS_KEY_PREFIX, String(Math.floor(nowMs / 1000))]);
  return Number(out);
}
