import type { Logger } from "pino";
import type { CacheEvent } from "@/lib/cache/policy";
import type { WebhookEvent } from "@/lib/db/schema/webhook-events";

export interface WebhookHandlerContext {
  /** The recorded delivery (verified when it was received). */
  event: WebhookEvent;
  log: Logger;
}

/** What processing one delivery did, for the dispatcher to finish after the handler's writes committed. */
export interface WebhookOutcome {
  /** The tenant the delivery concerned, stored on the webhook_events row; null when none matched. */
  companyId: string | null;
  /** Domain events that drive cache invalidation, emitted after the writes committed. */
  events: Array<{ event: CacheEvent; companyId: string }>;
  /**
   * Side effects outside MySQL that must follow the commit (write-through of the company's edge
   * record, queued emails). They run on every attempt, including a retry whose writes turn out to be
   * applied already, so each must be safe to repeat.
   */
  after?: Array<() => Promise<unknown>>;
  /** Why nothing was written, for the log (e.g. "no company for stripe customer"). */
  skipped?: string;
}

/**
 * One event type's processing (one file each). Runs at least once — a retry after a failure may run
 * it again — so it must be idempotent: upserts keyed by the vendor's ids, monotonic status rules, no
 * blind inserts. Its MySQL writes go in its own transaction(s); a thrown error fails the job, which
 * BullMQ retries with backoff.
 */
export type WebhookEventHandler = (ctx: WebhookHandlerContext) => Promise<WebhookOutcome>;

export const nothingDone = (companyId: string | null, skipped: string): WebhookOutcome => ({ companyId, events: [], skipped });
