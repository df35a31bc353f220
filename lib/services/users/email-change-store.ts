import { getRedis, redisKey } from "@/lib/redis/client";

/** How long a confirmation link works. */
export const EMAIL_CHANGE_TTL_SEC = 24 * 3600;

/** A new address waiting for its link to be opened: only the token's SHA-256 is kept. */
export interface PendingEmailChange {
  email: string;
  tokenHash: string;
  expiresAt: string;
}

/**
 * Pending email changes live in Redis, one per person (a new request replaces the previous one, whose
 * link then stops working), expiring with the link. Redis forgetting one (a restart without
 * persistence) only means asking for a new link; nothing changes until a link is confirmed.
 */
export const emailChangeKey = (userId: string) => redisKey("email-change", userId);

export async function readPendingEmailChange(userId: string): Promise<PendingEmailChange | null> {
  return getRedis().get<PendingEmailChange>(emailChangeKey(userId));
}
