import { drainWebhookSpool } from "@/lib/webhooks/spool/drain-webhook-spool";
import type { JobHandler } from "../handler";

/**
 * Records the webhook deliveries that were verified while MySQL was unreachable and kept in Redis
 * (lib/webhooks/spool), each exactly once, and queues them for processing like any delivery.
 */
export const webhookSpoolDrain: JobHandler<"webhook-spool-drain"> = async (_payload, ctx) => {
  const result = await drainWebhookSpool(ctx.log);
  if (result.recorded > 0) ctx.log.info({ recorded: result.recorded }, "recorded webhook deliveries spooled while MySQL was down");
  return result;
};
