import { redisKey } from "@/lib/redis/client";

/**
 * Where the webhook receiver keeps a company's Cal.com webhook secret for MySQL outages: the stored
 * envelope, still AES-GCM encrypted, or "-" for none (lib/webhooks/receive/calcom-verification-secret.ts).
 */
export const calcomSecretCopyKey = (companyId: string) => redisKey("webhooks", "calcom-secret", companyId);
