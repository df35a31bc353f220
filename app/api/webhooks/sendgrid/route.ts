import { defineRoute } from "@/lib/api/define-route";
import { receiveSendgridWebhook } from "@/lib/webhooks/receivers/receive-sendgrid-webhook";

export const dynamic = "force-dynamic";

// POST /api/webhooks/sendgrid — SendGrid event webhook (delivered, open, bounce …): verify the raw body, record, queue; processed by the worker.
export const POST = defineRoute({ auth: "none" }, ({ req, log }) => receiveSendgridWebhook(req, log));
