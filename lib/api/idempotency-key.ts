import { redisKey } from "@/lib/redis/client";
import { ApiError } from "./errors";

/** The request header a client names a create with (SPEC: same key + same body within 24 h → the first answer again). */
export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";

/** How long a key keeps answering with what it created. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

const VALID = /^[\x21-\x7e]{1,255}$/;

/** The `Idempotency-Key` header: null when absent; 400 when empty, too long or not printable ASCII. */
export function parseIdempotencyKey(headers: Headers): string | null {
  const raw = headers.get(IDEMPOTENCY_KEY_HEADER);
  if (raw === null) return null;
  const key = raw.trim();
  if (!VALID.test(key)) {
    throw new ApiError("validation_failed", "Idempotency-Key must be 1–255 printable ASCII characters.", {
      details: [{ field: "Idempotency-Key", message: "1–255 printable ASCII characters, no spaces.", code: "invalid_idempotency_key" }],
    });
  }
  return key;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Buffer.from(digest).toString("hex");
}

/** Redis key of a company's idempotency key for one kind of create: scoped by company, and only its hash leaves the request. */
export async function idempotencyRedisKey(companyId: string, key: string, scope = "exports"): Promise<string> {
  return redisKey("idem", scope, companyId, await sha256Hex(key));
}

/** What the request asked for, independent of key order: a reused key must ask for the same thing. */
export function requestFingerprint(value: Record<string, unknown>): Promise<string> {
  const sorted = Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return sha256Hex(JSON.stringify(sorted));
}
