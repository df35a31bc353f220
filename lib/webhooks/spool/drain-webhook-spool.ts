import type { Logger } from "pino";
import { isDatabaseUnreachable } from "@/lib/db/is-database-unreachable";
import { errorForLog } from "@/lib/log/logger";
import { getRedis } from "@/lib/redis/client";
import { runScript } from "@/lib/redis/run-script";
import { recordAndEnqueue } from "../receive/record-and-enqueue";
import { spoolKeys } from "./spool-keys";
import type { SpooledDelivery } from "./spooled-delivery";

/** KEYS: deliveries, ids, bytes. ARGV: field. Forgets one recorded delivery and gives its bytes back. */
const FORGET = `
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v then redis.call('DECRBY', KEYS[3], string.len(v)) end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if tonumber(redis.call('GET', KEYS[3]) or '0') <= 0 then redis.call('DEL', KEYS[3]) end
return 1
`;

export interface DrainResult {
  /** Deliveries recorded in MySQL (and queued) and removed from the spool in this run. */
  recorded: number;
  /** True when MySQL was still unreachable: the rest waits for the next run. */
  databaseDown: boolean;
}

/**
 * Records the deliveries the receivers spooled while MySQL was unreachable (the worker's
 * `webhook-spool-drain`, every few seconds): each under the id it was answered with, through the
 * same recordAndEnqueue as a live delivery, so webhook_events' unique key keeps it exactly once
 * (a run that dies after recording and before forgetting finds it a duplicate next time). Only then
 * is it removed from the spool. Stops at the first sign that MySQL is still down. An empty spool
 * costs one Redis trip.
 */
export async function drainWebhookSpool(log: Logger, opts: { limit?: number } = {}): Promise<DrainResult> {
  const limit = opts.limit ?? 500;
  const redis = getRedis();
  let cursor = "0";
  let recorded = 0;
  do {
    // The ids hash is small; each delivery (up to a few MB) is read on its own.
    const [next, flat] = await redis.hscan(spoolKeys.ids(), cursor, { count: 50 });
    for (let i = 0; i + 1 < flat.length && recorded < limit; i += 2) {
      const field = String(flat[i]);
      const value = await redis.hget<unknown>(spoolKeys.deliveries(), field);
      if (value === null) {
        await runScript(FORGET, [spoolKeys.deliveries(), spoolKeys.ids(), spoolKeys.bytes()], [field]);
        continue;
      }
      let delivery: SpooledDelivery;
      try {
        // The REST client parses JSON values itself; a string is parsed here.
        delivery = (typeof value === "string" ? JSON.parse(value) : value) as SpooledDelivery;
      } catch {
        log.error({ field }, "a spooled webhook delivery is not JSON; left in the spool");
        continue;
      }
      try {
        await recordAndEnqueue(delivery, { id: delivery.id, spool: false });
      } catch (err) {
        if (isDatabaseUnreachable(err)) return { recorded, databaseDown: true };
        log.error({ ...errorForLog(err), field }, "could not record a spooled webhook delivery; it stays in the spool");
        continue;
      }
      await runScript(FORGET, [spoolKeys.deliveries(), spoolKeys.ids(), spoolKeys.bytes()], [field]);
      recorded++;
    }
    cursor = String(next);
  } while (cursor !== "0" && recorded < limit);
  return { recorded, databaseDown: false };
}
