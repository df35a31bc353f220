import { applyRetellEvent } from "./apply-retell-event";
import type { WebhookEventHandler } from "./types";

/** Retell call_started. The agent picked up: the call row appears (ongoing), with its caller as customer. */
export const retellCallStarted: WebhookEventHandler = (ctx) => applyRetellEvent(ctx, "ongoing");
