import { applyRetellEvent } from "./apply-retell-event";
import type { WebhookEventHandler } from "./types";

/** Retell call_analyzed. Post-call analysis (summary, sentiment, success) and cost; may arrive before call_ended, which then adds nothing new. */
export const retellCallAnalyzed: WebhookEventHandler = (ctx) => applyRetellEvent(ctx, "ended");
