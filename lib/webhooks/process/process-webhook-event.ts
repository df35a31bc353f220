import { UnrecoverableError } from "bullmq";
import { eq, sql } from "drizzle-orm";
import type { Logger } from "pino";
import { ZodError } from "zod";
import { invalidate } from "@/lib/cache/invalidate";
import { getDb } from "@/lib/db/client";
import { webhookEvents, type WebhookProvider } from "@/lib/db/schema/webhook-events";
import { errorForLog } from "@/lib/log/logger";
import { WEBHOOK_EVENT_HANDLERS, webhookHandlerKey } from "../handlers";
import { nothingDone } from "../handlers/types";
import { safeErrorText } from "./safe-error-text";

export interface ProcessResult {
  webhookEventId: string;
  status: "processed" | "already_processed";
  companyId?: string | null;
  skipped?: string;
}

/**
 * Processes one recorded delivery (the `webhook-process` job): marks it `processing` (attempts + 1),
 * runs its event type's handler (which commits its own writes), then the handler's post-commit work
 * (edge record write-through, queued emails), then the cache invalidations its domain events name,
 * and only then marks it `processed` — so a failure anywhere leaves it to the job's retry, and a
 * retry re-runs idempotent work rather than skipping what did not happen. On failure the row is
 * `failed` with a safe last_error and the error is rethrown: BullMQ retries with backoff, and after
 * the last attempt the job is a dead letter (the row stays `failed`, ready for a retry by an operator).
 * A payload that no longer parses cannot get better: that is not retried.
 */
export async function processWebhookEvent(
  input: { webhookEventId: string; provider: WebhookProvider },
  log: Logger,
): Promise<ProcessResult> {
  const db = getDb();
  const [event] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, input.webhookEventId)).limit(1);
  if (!event || event.provider !== input.provider) throw new UnrecoverableError(`webhook event ${input.webhookEventId} not found`);
  if (event.status === "processed") return { webhookEventId: event.id, status: "already_processed", companyId: event.companyId };

  await db
    .update(webhookEvents)
    .set({ status: "processing", attempts: sql`${webhookEvents.attempts} + 1` })
    .where(eq(webhookEvents.id, event.id));
  const handler = WEBHOOK_EVENT_HANDLERS[webhookHandlerKey(event.provider, event.eventType)];
  const elog = log.child({ webhookEventId: event.id, provider: event.provider, eventType: event.eventType });
  try {
    const outcome = handler ? await handler({ event, log: elog }) : nothingDone(event.companyId, "no handler for this event type");
    for (const step of outcome.after ?? []) await step();
    for (const e of outcome.events) await invalidate(e.event, { companyId: e.companyId });
    await db
      .update(webhookEvents)
      .set({ status: "processed", processedAt: new Date(), lastError: null, companyId: outcome.companyId ?? event.companyId })
      .where(eq(webhookEvents.id, event.id));
    if (outcome.skipped) elog.info({ skipped: outcome.skipped }, "webhook processed; nothing to write");
    return {
      webhookEventId: event.id,
      status: "processed",
      companyId: outcome.companyId ?? event.companyId,
      ...(outcome.skipped ? { skipped: outcome.skipped } : {}),
    };
  } catch (err) {
    await db
      .update(webhookEvents)
      .set({ status: "failed", lastError: safeErrorText(err) })
      .where(eq(webhookEvents.id, event.id))
      .catch((e: unknown) => elog.error(errorForLog(e), "could not mark the webhook event failed"));
    if (err instanceof ZodError) throw new UnrecoverableError(`webhook payload breaks the ${event.provider} contract`);
    throw err;
  }
}
