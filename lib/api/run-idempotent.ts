import { getRedis } from "@/lib/redis/client";
import { ApiError } from "./errors";
import { IDEMPOTENCY_TTL_SECONDS, idempotencyRedisKey, requestFingerprint } from "./idempotency-key";

interface Claim {
  fingerprint: string;
  /** The id the create made; absent while it runs. */
  id?: string;
  /** The first answer itself, when the run keeps it (`keepAnswer`). */
  answer?: unknown;
}

export interface IdempotentRun<T> {
  companyId: string;
  /** Which kind of create (keys of different kinds never meet). */
  scope: string;
  /** The client's Idempotency-Key, or null: then `create` simply runs. */
  key: string | null;
  /** What the request asked for; the same key with another body is refused (409). */
  body: Record<string, unknown>;
  /** Makes the thing; returns its id and the answer. */
  create: () => Promise<{ id: string; value: T }>;
  /**
   * The answer for an id made earlier, or null when it is gone (the key is then free again). With
   * `keepAnswer`, `answer` is the first answer as it was stored.
   */
  replay: (id: string, answer?: T) => Promise<T | null>;
  /**
   * Store the first answer with the claim (it must be JSON) and hand it to `replay`: for creates
   * whose answer cannot be read back by id, e.g. a vendor's hosted URL, so a replay never makes a new one.
   */
  keepAnswer?: boolean;
}

/**
 * SPEC's Idempotency-Key for creates: the same key (same company, 24 h) with the same body answers
 * with what the first request made; with another body, or while the first is still running, 409.
 * The key is claimed in Redis (SET NX) before `create` runs, so concurrent requests create once; a
 * create that fails frees the key for a retry.
 */
export async function runIdempotent<T>(run: IdempotentRun<T>): Promise<{ value: T; replayed: boolean }> {
  if (run.key === null) return { value: (await run.create()).value, replayed: false };
  const redis = getRedis();
  const redisKey = await idempotencyRedisKey(run.companyId, run.key, run.scope);
  const fingerprint = await requestFingerprint(run.body);

  const inProgress = () => new ApiError("conflict", "A request with this Idempotency-Key is in progress; retry in a moment.");
  let claimed = false;
  for (let attempt = 0; attempt < 2 && !claimed; attempt++) {
    claimed = (await redis.set(redisKey, { fingerprint } satisfies Claim, { nx: true, ex: IDEMPOTENCY_TTL_SECONDS })) !== null;
    if (claimed) break;
    const seen = await redis.get<Claim>(redisKey);
    if (!seen) continue;
    if (seen.fingerprint !== fingerprint)
      throw new ApiError("conflict", "This Idempotency-Key was already used with a different body; use a new key.", {
        details: [{ field: "Idempotency-Key", message: "already used with a different body", code: "idempotency_key_reused" }],
      });
    if (!seen.id) throw inProgress();
    const value = await run.replay(seen.id, seen.answer as T | undefined);
    if (value !== null) return { value, replayed: true };
    await redis.del(redisKey);
  }
  if (!claimed) throw inProgress();

  try {
    const made = await run.create();
    const claim: Claim = run.keepAnswer ? { fingerprint, id: made.id, answer: made.value } : { fingerprint, id: made.id };
    await redis.set(redisKey, claim, { ex: IDEMPOTENCY_TTL_SECONDS });
    return { value: made.value, replayed: false };
  } catch (err) {
    await redis.del(redisKey).catch(() => undefined);
    throw err;
  }
}
