import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnreachable } from "@/lib/db/is-database-unreachable";
import { companySettings } from "@/lib/db/schema/company-settings";
import { credentialFromRow, IntegrationNotConfiguredError } from "@/lib/integrations/credentials";
import { calcomSecretCopyKey } from "@/lib/integrations/calcom/secret-copy-key";
import { getRedis } from "@/lib/redis/client";

/**
 * The secret a Cal.com delivery to this company's URL is verified with: the company's own (decrypted
 * from company_settings), else the platform's. Each read keeps a copy of the stored envelope in Redis
 * — still AES-GCM encrypted, bound to the company and column, so Redis never holds the secret — and
 * while MySQL is unreachable that copy verifies, so a delivery is spooled rather than refused (Cal.com
 * does not retry). A rotation deletes the copy (lib/services/settings/set-integration-credentials.ts).
 * Throws IntegrationNotConfiguredError when neither the company nor the platform has one.
 */
export async function calcomVerificationSecret(companyId: string): Promise<{ secret: string; fromCopy: boolean }> {
  let envelope: string | null;
  let fromCopy = false;
  try {
    const [row] = await getDb()
      .select({ enc: companySettings.calcomWebhookSecretEnc })
      .from(companySettings)
      .where(eq(companySettings.companyId, companyId))
      .limit(1);
    envelope = row?.enc ?? null;
    await getRedis()
      .set(calcomSecretCopyKey(companyId), envelope ?? "-")
      .catch(() => undefined);
  } catch (err) {
    if (!isDatabaseUnreachable(err)) throw err;
    const copy = await getRedis()
      .get<string>(calcomSecretCopyKey(companyId))
      .catch(() => null);
    if (copy === null) throw err;
    envelope = copy === "-" ? null : copy;
    fromCopy = true;
  }
  const found = credentialFromRow(companyId, "calcomWebhookSecret", { calcomWebhookSecretEnc: envelope });
  if (!found) throw new IntegrationNotConfiguredError("calcomWebhookSecret");
  return { secret: found.value, fromCopy };
}
