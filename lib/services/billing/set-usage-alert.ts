import { eq } from "drizzle-orm";
import { companies } from "@/lib/db/schema/companies";
import { recordAudit } from "@/lib/services/audit/record-audit";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { writeTransaction } from "@/lib/db/write-transaction";

/**
 * The owner's usage alert: one email when the current hour's requests reach `percent` % of the
 * company limit (checked by the worker each minute, check-usage-alerts.ts); null turns it off. Audited.
 */
export async function setUsageAlert(companyId: string, percent: number | null, actor: Actor): Promise<{ percent: number | null }> {
  await writeTransaction(async (tx) => {
    await tx.update(companies).set({ usageAlertPercent: percent }).where(eq(companies.id, companyId));
    await recordAudit(
      {
        companyId,
        actor: { userId: actor.userId, apiKeyId: actor.apiKeyId, ip: actor.ip, requestId: actor.requestId },
        action: "billing.usage_alert_set",
        targetType: "company",
        targetId: companyId,
        metadata: { percent },
      },
      tx,
    );
  });
  return { percent };
}
