import { ApiError } from "@/lib/api/errors";
import { IDEMPOTENCY_TTL_SECONDS, idempotencyRedisKey, requestFingerprint } from "@/lib/api/idempotency-key";
import { getRedis } from "@/lib/redis/client";

/**
 * Binds a booking's Idempotency-Key to what it asked for (24 h, per company; only hashes in Redis):
 * the same key with the same body goes on (Cal.com finds the booking it made by the key's marker, so
 * the answer is the first one again); the same key with another body is 409.
 */
export async function claimBookingKey(companyId: string, key: string, request: Record<string, unknown>): Promise<void> {
  const fingerprint = await requestFingerprint(request);
  const name = await idempotencyRedisKey(companyId, key, "appointments");
  const redis = getRedis();
  if ((await redis.set(name, fingerprint, { nx: true, ex: IDEMPOTENCY_TTL_SECONDS })) === "OK") return;
  const seen = await redis.get<string>(name);
  if (seen !== null && seen !== fingerprint)
    throw new ApiError("conflict", "This Idempotency-Key was used for another booking request.", {
      details: [{ field: "Idempotency-Key", message: "Used before with another body.", code: "idempotency_key_reused" }],
    });
}
