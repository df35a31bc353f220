import { applyRetellEvent } from "./apply-retell-event";
import type { WebhookEventHandler } from "./types";

/** Retell call_ended. The call is over: duration, transcript, recording and disconnection reason. Never reopened by a late call_started. */
export const retellCallEnded: WebhookEventHandler = (ctx) => applyRetellEvent(ctx, "ended");
