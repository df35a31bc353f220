import { redisKey } from "@/lib/redis/client";

/**
 * Where verified deliveries wait while MySQL is unreachable (lib/webhooks/spool). One field per
 * delivery identity `<provider> <scope> <event id>` in each hash, so a vendor's retry of a spooled
 * delivery is recognised as the same one.
 */
export const spoolKeys = {
  /** Hash identity → the delivery (JSON: id, provider, eventId, eventType, companyId, payload, spooledAt). */
  deliveries: () => redisKey("webhooks", "spool"),
  /** Hash identity → the webhook_events id the delivery was answered with (and will be recorded under). */
  ids: () => redisKey("webhooks", "spool", "ids"),
  /** Bytes held in `deliveries`, against WEBHOOK_SPOOL_MAX_BYTES. */
  bytes: () => redisKey("webhooks", "spool", "bytes"),
};

/** A delivery's field in the spool hashes: what webhook_events' unique key is made of. */
export function spoolField(provider: string, scope: string, eventId: string): string {
  return `${provider} ${scope} ${eventId}`;
}
