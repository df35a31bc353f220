import { defineRoute } from "@/lib/api/define-route";
import { receiveCalcomWebhook } from "@/lib/webhooks/receivers/receive-calcom-webhook";

export const dynamic = "force-dynamic";

// POST /api/webhooks/calcom — Cal.com booking events, one URL per company (?company=<id>): verify the raw body, record, queue; processed by the worker.
export const POST = defineRoute({ auth: "none" }, ({ req, log }) => receiveCalcomWebhook(req, log));
