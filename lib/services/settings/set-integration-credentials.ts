import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { invalidate } from "@/lib/cache/invalidate";
import { getRedis } from "@/lib/redis/client";
import { calcomSecretCopyKey } from "@/lib/integrations/calcom/secret-copy-key";
import { credentialContext, decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import { companySettings, type CompanySettingsBlob } from "@/lib/db/schema/company-settings";
import { writeTransaction } from "@/lib/db/write-transaction";
import { CREDENTIALS, type CredentialName } from "@/lib/integrations/credentials";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { calcomWebhookUrl } from "./calcom-webhook-url";
import { credentialsBlobOf } from "./credential-meta";
import { describeCompanyCredential } from "./describe-company-credential";
import type { CompanyCredentialVendor, IntegrationCredentialsResult, SetIntegrationCredentialsInput } from "./schemas";

const API_KEY: Record<CompanyCredentialVendor, CredentialName> = {
  retell: "retellApiKey",
  calcom: "calcomApiKey",
  sendgrid: "sendgridApiKey",
};

/** A Cal.com webhook secret: 32 random bytes, hex, with a prefix that says what it is. */
const newWebhookSecret = () => `whsec_${randomBytes(32).toString("hex")}`;

/**
 * Stores (or removes, with null) the company's own API key for a vendor, AES-256-GCM encrypted and
 * bound to the company and column, and records who set it and when. Cal.com: the first company key,
 * or `rotateWebhookSecret`, generates the company's webhook secret, answered once here and never
 * again (the Cal.com receiver verifies that company's deliveries with it). Audited without any
 * secret; `settings.changed` after the commit. The key is never logged nor returned, only its last 4.
 */
export async function setIntegrationCredentials(
  companyId: string,
  vendor: CompanyCredentialVendor,
  input: SetIntegrationCredentialsInput,
  actor: Actor,
  now: Date = new Date(),
): Promise<IntegrationCredentialsResult> {
  if (input.rotateWebhookSecret && vendor !== "calcom") {
    throw new ApiError("validation_failed", undefined, {
      details: [{ field: "rotateWebhookSecret", message: "Only Cal.com has a webhook secret here." }],
    });
  }
  const spec = CREDENTIALS[API_KEY[vendor]];
  let webhookSecret: string | undefined;

  const after = await writeTransaction(async (tx) => {
    await tx
      .insert(companySettings)
      .values({ companyId, updatedAt: now })
      .onDuplicateKeyUpdate({ set: { companyId: sql`${companySettings.companyId}` } });
    const [row] = await tx.select().from(companySettings).where(eq(companySettings.companyId, companyId)).limit(1).for("update");
    const blob = { ...((row?.settings as CompanySettingsBlob | null) ?? {}) };
    const meta = credentialsBlobOf(blob);
    const credentials = { ...meta.credentials };
    const set: Record<string, unknown> = { updatedAt: now };

    if (typeof input.apiKey === "string") {
      set[spec.field] = encryptSecret(input.apiKey, credentialContext(companyId, spec.column));
      credentials[vendor] = { setAt: now.toISOString(), setByUserId: actor.userId, setByApiKeyId: actor.apiKeyId };
    } else if (input.apiKey === null) {
      set[spec.field] = null;
      delete credentials[vendor];
    }
    const firstCalcomKey = vendor === "calcom" && typeof input.apiKey === "string" && !row?.calcomWebhookSecretEnc;
    if (input.rotateWebhookSecret || firstCalcomKey) {
      webhookSecret = newWebhookSecret();
      const secretSpec = CREDENTIALS.calcomWebhookSecret;
      set[secretSpec.field] = encryptSecret(webhookSecret, credentialContext(companyId, secretSpec.column));
      blob.calcomWebhookSecretSetAt = now.toISOString();
    }
    blob.credentials = credentials;
    set.settings = blob;
    await tx.update(companySettings).set(set).where(eq(companySettings.companyId, companyId));
    await recordAudit(
      {
        companyId,
        actor,
        action: "settings.integration_updated",
        targetType: "integration",
        targetId: vendor,
        metadata: {
          vendor,
          ...(input.apiKey !== undefined ? { apiKey: input.apiKey === null ? "removed" : "set" } : {}),
          ...(webhookSecret ? { webhookSecret: "generated" } : {}),
        },
        at: now,
      },
      tx,
    );
    return {
      // The key whose last four are shown: the one just sent, else the stored one (a rotation only), if it still decrypts.
      apiKey:
        typeof input.apiKey === "string" ? input.apiKey : input.apiKey === undefined ? storedKey(companyId, spec, row?.[spec.field]) : null,
      meta: credentials[vendor] ?? null,
      secretSet: Boolean(webhookSecret) || Boolean(row?.calcomWebhookSecretEnc),
      secretSetAt: (blob.calcomWebhookSecretSetAt as string | undefined) ?? null,
    };
  });
  await invalidate("settings.changed", { companyId });
  // The webhook receiver's copy of the old secret (kept for MySQL outages) must not outlive it.
  if (webhookSecret) await getRedis().del(calcomSecretCopyKey(companyId));

  return {
    vendor,
    companyCredential: after.apiKey === null ? null : await describeCompanyCredential(after.meta, after.apiKey),
    webhook:
      vendor === "calcom"
        ? {
            url: calcomWebhookUrl(companyId),
            secretSet: after.secretSet,
            secretSetAt: after.secretSetAt,
            ...(webhookSecret ? { secret: webhookSecret } : {}),
          }
        : null,
  };
}

/** A stored company key, decrypted for its last four only; null when there is none or it no longer decrypts. */
function storedKey(companyId: string, spec: { column: string }, envelope: string | null | undefined): string | null {
  if (!envelope) return null;
  try {
    return decryptSecret(envelope, credentialContext(companyId, spec.column));
  } catch {
    return null;
  }
}
