import { UnrecoverableError } from "bullmq";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { companySettings } from "@/lib/db/schema/company-settings";
import { integrationsEnv } from "@/lib/env/integrations";
import { IntegrationNotConfiguredError } from "@/lib/integrations/credentials";
import { sendgridClientForCompany } from "@/lib/integrations/for-company";
import { VendorError } from "@/lib/integrations/http/vendor-error";
import { createSendgridClient } from "@/lib/integrations/sendgrid/client";
import { getRedis, redisKey } from "@/lib/redis/client";
import type { JobHandler } from "../handler";
import { renderEmail } from "./email-templates";

/** How long a sent email is remembered, so a retried job does not send it twice. */
const SENT_TTL_SEC = 7 * 24 * 3600;

/** The job's own id without a dead-letter retry suffix (`-r1`): a retried dead letter is the same email. */
const emailKey = (jobId: string) => redisKey("emails", "sent", jobId.replace(/-r\d+$/, ""));

/**
 * Sends one transactional email through SendGrid: the company's own account when it has one (its
 * from address too), else the platform's. `customArgs.sb_company_id` comes back on every event
 * webhook of the message, which is how SendGrid events find their tenant (lib/webhooks). SendGrid
 * has no idempotency key: a send that succeeded is remembered under the job id, so a retry (the job
 * failed after the 202, or a dead letter retried) does not mail twice. An ambiguous failure (a 5xx
 * after SendGrid accepted) is retried and may, rarely, deliver twice — better than losing an invite.
 */
export const emailSend: JobHandler<"email-send"> = async (payload, ctx) => {
  const key = emailKey(ctx.jobId);
  const already = await getRedis().get<{ messageId: string | null }>(key);
  if (already !== null) return { skipped: "already sent", messageId: already.messageId };

  const email = renderEmail(payload.template, payload.data);
  const [settings] = payload.companyId
    ? await getDb()
        .select({ from: companySettings.sendgridFromEmail })
        .from(companySettings)
        .where(eq(companySettings.companyId, payload.companyId))
        .limit(1)
    : [];
  let messageId: string | null;
  try {
    const client = payload.companyId ? await sendgridClientForCompany(payload.companyId) : createSendgridClient();
    ({ messageId } = await client.sendMail({
      to: payload.to,
      from: { email: settings?.from ?? integrationsEnv().SENDGRID_FROM_EMAIL, name: "Switchboard" },
      subject: email.subject,
      text: email.text,
      html: email.html,
      categories: [payload.template],
      customArgs: { ...(payload.companyId ? { sb_company_id: payload.companyId } : {}), sb_template: payload.template },
    }));
  } catch (err) {
    // Retrying helps an outage or a rate limit, not a refused message, a refused key or no key at all.
    const permanent =
      err instanceof IntegrationNotConfiguredError || (err instanceof VendorError && !err.isOutage && err.vendorStatus !== 429);
    if (permanent) throw new UnrecoverableError(`email ${payload.template}: ${err instanceof VendorError ? err.diagnostic : err.message}`);
    throw err;
  }
  await getRedis().set(key, { messageId }, { ex: SENT_TTL_SEC });
  ctx.log.info({ template: payload.template, companyId: payload.companyId, messageId }, "email sent");
  return { messageId };
};
