import { PLATFORM_SCOPE } from "@/lib/db/schema/webhook-events";
import { runScript } from "@/lib/redis/run-script";
import { spoolField, spoolKeys } from "./spool-keys";
import type { SpooledDelivery } from "./spooled-delivery";

/**
 * How many bytes of deliveries the spool holds at most (Redis memory is the bound). About a thousand
 * Retell transcripts or a quarter of a million Cal.com bookings; past it a delivery answers 503 and
 * the vendor's retry is its chance.
 */
export const WEBHOOK_SPOOL_MAX_BYTES = 256 * 1024 * 1024;

/**
 * KEYS: deliveries, ids, bytes. ARGV: field, id, json, max bytes.
 * Returns {1, id} when spooled now, {0, id} when this identity is already waiting (answered with the
 * id it was first given), {-1, ""} when the spool is full. One trip, atomic.
 */
const SPOOL = `
local existing = redis.call('HGET', KEYS[2], ARGV[1])
if existing then return {0, existing} end
local size = string.len(ARGV[3])
local used = tonumber(redis.call('GET', KEYS[3]) or '0')
if used + size > tonumber(ARGV[4]) then return {-1, ''} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('INCRBY', KEYS[3], size)
return {1, ARGV[2]}
`;

export type SpoolOutcome = { spooled: true; duplicate: boolean; id: string } | { spooled: false };

/**
 * Keeps a verified delivery in Redis while MySQL cannot record it; the worker's `webhook-spool-drain`
 * records it (under `delivery.id`) when MySQL is back, exactly once: the spool holds one entry per
 * identity, and recording goes through webhook_events' unique key like any delivery.
 */
export async function spoolDelivery(delivery: SpooledDelivery, maxBytes = WEBHOOK_SPOOL_MAX_BYTES): Promise<SpoolOutcome> {
  const field = spoolField(delivery.provider, delivery.companyId ?? PLATFORM_SCOPE, delivery.eventId);
  const answer = (await runScript(
    SPOOL,
    [spoolKeys.deliveries(), spoolKeys.ids(), spoolKeys.bytes()],
    [field, delivery.id, JSON.stringify(delivery), maxBytes],
  )) as [number, string];
  const [state, id] = answer;
  if (state === -1) return { spooled: false };
  return { spooled: true, duplicate: state === 0, id };
}
