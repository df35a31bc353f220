import { processWebhookEvent } from "@/lib/webhooks/process/process-webhook-event";
import type { JobHandler } from "../handler";

/** Processes one recorded webhook delivery (webhook_events row): its event type's handler in lib/webhooks/handlers. */
export const webhookProcess: JobHandler<"webhook-process"> = (payload, ctx) => processWebhookEvent(payload, ctx.log);
