import { defineRoute } from "@/lib/api/define-route";
import { receiveRetellWebhook } from "@/lib/webhooks/receivers/receive-retell-webhook";

export const dynamic = "force-dynamic";

// POST /api/webhooks/retell — Retell call events (call_started, call_ended, call_analyzed): verify the raw body, record, queue; processed by the worker.
export const POST = defineRoute({ auth: "none" }, ({ req, log }) => receiveRetellWebhook(req, log));
