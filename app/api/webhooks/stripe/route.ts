import { defineRoute } from "@/lib/api/define-route";
import { receiveStripeWebhook } from "@/lib/webhooks/receivers/receive-stripe-webhook";

export const dynamic = "force-dynamic";

// POST /api/webhooks/stripe — Stripe billing events (checkout, subscriptions, invoices): verify the raw body, record, queue; processed by the worker.
export const POST = defineRoute({ auth: "none" }, ({ req, log }) => receiveStripeWebhook(req, log));
