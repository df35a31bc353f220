import { getRedis } from "@/lib/redis/client";

/**
 * Positive edge records expire: a write-through that failed (Redis down after the MySQL commit) can
 * only leave a wrong record for this long before the edge's miss path reloads it from MySQL.
 */
export const RECORD_TTL_SECONDS = 600;

/**
 * Writes a record unless Redis already holds a newer one (by `ver`, the row's updated_at in ms), so
 * write-throughs and miss-path fills that land out of order never put an older state back. A record
 * written under another policy version (`pv`, companies only) is always replaced.
 */
const WRITE_IF_NEWER = `
local cur = redis.call("GET", KEYS[1])
if cur and cur ~= "-" then
  local ok, rec = pcall(cjson.decode, cur)
  if ok and type(rec) == "table" and tonumber(rec.ver or 0) > tonumber(ARGV[2]) and (ARGV[4] == "" or rec.pv == ARGV[4]) then return 0 end
end
redis.call("SET", KEYS[1], ARGV[1], "EX", ARGV[3])
return 1
`;

export async function writeRecordIfNewer(key: string, record: { ver: number; pv?: string }): Promise<boolean> {
  const written = await getRedis().eval(
    WRITE_IF_NEWER,
    [key],
    [JSON.stringify(record), String(record.ver), String(RECORD_TTL_SECONDS), record.pv ?? ""],
  );
  return Number(written) === 1;
}
