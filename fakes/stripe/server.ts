import { createHash } from "node:crypto";
import Stripe from "stripe";
import { z } from "zod";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { deliverWebhook } from "../shared/deliver";
import { startFakeServer, type FakeServer } from "../shared/fake-server";
import { bearerToken, FakeHttpError, json, type FakeRequest, type FakeResponse, type Route } from "../shared/http";
import { alnumId } from "../shared/ids";
import { parseStripeForm } from "./form";
import { stripePages } from "./pages";

export interface StripeFakeOptions {
  port?: number;
  host?: string;
  /** Secret keys the fake accepts. Default: the local platform key. */
  secretKeys?: string[];
  /** Signs webhook deliveries. Default: the local STRIPE_WEBHOOK_SECRET. */
  webhookSecret?: string;
  /** Where the hosted checkout and portal pages send their events. Default: STRIPE_FAKE_WEBHOOK_TARGET, else APP_URL's /api/webhooks/stripe. */
  webhookTarget?: string;
}

type Obj = Record<string, unknown> & { id: string };

/** Monthly amounts (cents) of the default price ids; any other `price_…` costs 50.00. */
const PRICE_AMOUNTS: Record<string, number> = {
  price_switchboard_pro_monthly: 9_900,
  price_switchboard_enterprise_monthly: 49_900,
  price_switchboard_unlimited_monthly: 199_900,
};

const EVENT_TYPES = [
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
] as const;
const webhookSchema = z.object({
  target: z.string().url(),
  event: z.enum(EVENT_TYPES),
  sessionId: z.string().optional(),
  subscriptionId: z.string().optional(),
  invoiceId: z.string().optional(),
  /** Unix seconds the signature claims (stale signatures on demand). */
  signedAt: z.number().int().optional(),
  /** Fields merged into the event's object. */
  object: z.record(z.string(), z.unknown()).optional(),
  /** Reuse an event id (a redelivery). */
  eventId: z.string().optional(),
  /** customer.subscription.updated: move the subscription to this price (a plan change). */
  priceId: z.string().startsWith("price_").optional(),
});

/**
 * Stripe's API for what billing uses, in memory, spoken to by the official `stripe` package:
 * form-encoded bodies, Bearer secret keys, `Idempotency-Key` replay (same key + same parameters →
 * the first answer with `Idempotent-Replayed: true`; other parameters → 400 idempotency_error), Stripe's
 * error objects. Endpoints: customers (create, retrieve), checkout sessions (create, retrieve, expire:
 * only an open one, and an expired one can no longer be paid), billing portal sessions (create),
 * subscriptions (retrieve, cancel: DELETE). Control extras:
 *   POST /__fake/checkout/complete {sessionId} → the customer "paid": an active subscription and a paid invoice
 *   POST /__fake/send-webhook {target, event, sessionId|subscriptionId|invoiceId, priceId?, signedAt?, object?, eventId?}
 *        → the delivery, `Stripe-Signature` made with the package's generateTestHeaderString
 *   POST /__fake/webhook-target {url} → where the hosted pages below send their events
 * Hosted pages (a browser, no API key; pages.ts): Checkout `GET/POST /c/pay/:id` and the customer portal
 * `GET/POST /p/session/:id`, which complete and send the signed events as Stripe would.
 */
export function startStripeFake(opts: StripeFakeOptions = {}): Promise<FakeServer> {
  const keys = new Set(opts.secretKeys ?? [LOCAL_DEFAULTS.stripeSecretKey]);
  const secret = opts.webhookSecret ?? LOCAL_DEFAULTS.stripeWebhookSecret;
  const store = {
    customers: new Map<string, Obj>(),
    sessions: new Map<string, Obj>(),
    subscriptions: new Map<string, Obj>(),
    invoices: new Map<string, Obj>(),
    portalSessions: new Map<string, Obj>(),
  };
  const idempotent = new Map<string, { fingerprint: string; answer: FakeResponse }>();
  let invoiceNumber = 0;
  let baseUrl = "";
  /** Where the hosted pages deliver their events (the app's receiver). */
  let webhookTarget =
    opts.webhookTarget ??
    process.env.STRIPE_FAKE_WEBHOOK_TARGET ??
    `${(process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "")}/api/webhooks/stripe`;
  const deliveries: Array<{ type: string; status: number | null }> = [];
  const now = () => Math.floor(Date.now() / 1000);

  const missing = (kind: string, id: string) => new FakeHttpError(404, `No such ${kind}: '${id}'`, "resource_missing");
  const get = (map: Map<string, Obj>, kind: string, id: string) => {
    const o = map.get(id);
    if (!o) throw missing(kind, id);
    return o;
  };

  /**
   * A customer the app names: one this fake made, or one of the demo data's (`cus_demo…`, seeded
   * before this in-memory fake started; real Stripe would still have it). Anything else is a 404.
   */
  const knownCustomer = (id: string): Obj => {
    const found = store.customers.get(id);
    if (found) return found;
    if (!/^cus_demo[A-Za-z0-9]+$/.test(id)) throw missing("customer", id);
    const customer: Obj = { id, object: "customer", name: null, email: null, metadata: {}, created: now(), livemode: false };
    store.customers.set(id, customer);
    return customer;
  };

  /** POST handlers run through here: Stripe's idempotency contract. */
  const post =
    (handler: (req: FakeRequest<string>, params: Record<string, unknown>) => FakeResponse) =>
    (req: FakeRequest<string>): FakeResponse => {
      const raw = req.rawBody.toString("utf8");
      const key = req.headers["idempotency-key"];
      const fingerprint = createHash("sha256").update(`${req.method} ${req.path} ${raw}`).digest("hex");
      if (typeof key === "string") {
        const seen = idempotent.get(`${req.account}|${key}`);
        if (seen) {
          if (seen.fingerprint !== fingerprint) {
            throw new FakeHttpError(
              400,
              `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
              "idempotency_error",
            );
          }
          return { ...seen.answer, headers: { ...seen.answer.headers, "idempotent-replayed": "true" } };
        }
      }
      const answer = handler(req, parseStripeForm(raw));
      if (typeof key === "string") idempotent.set(`${req.account}|${key}`, { fingerprint, answer });
      return answer;
    };

  function price(id: string): Obj {
    if (!id.startsWith("price_")) throw new FakeHttpError(400, `No such price: '${id}'`, "resource_missing");
    return {
      id,
      object: "price",
      currency: "usd",
      unit_amount: PRICE_AMOUNTS[id] ?? 5_000,
      recurring: { interval: "month", interval_count: 1 },
      product: `prod_${id.slice(6, 20)}`,
      active: true,
    };
  }

  function completeSession(session: Obj): { subscription: Obj; invoice: Obj } {
    // Stripe: an expired session can no longer be paid.
    if (session.status === "expired") throw new FakeHttpError(400, "This Checkout Session has expired.", "checkout_session_expired");
    if (session.status === "complete") {
      const subscription = get(store.subscriptions, "subscription", String(session.subscription));
      return { subscription, invoice: get(store.invoices, "invoice", String(subscription.latest_invoice)) };
    }
    const start = now();
    const end = start + 30 * 86_400;
    const lineItems = (session._line_items as Array<{ price: string; quantity?: string }>) ?? [];
    const subscription: Obj = {
      id: alnumId("sub_", 24),
      object: "subscription",
      customer: session.customer,
      status: "active",
      cancel_at_period_end: false,
      created: start,
      start_date: start,
      metadata: (session._subscription_metadata as Record<string, string>) ?? {},
      items: {
        object: "list",
        has_more: false,
        url: "/v1/subscription_items",
        data: lineItems.map((li) => ({
          id: alnumId("si_", 14),
          object: "subscription_item",
          price: price(li.price),
          quantity: Number(li.quantity ?? 1),
          current_period_start: start,
          current_period_end: end,
        })),
      },
      livemode: false,
    };
    const amount = lineItems.reduce((sum, li) => sum + Number(price(li.price).unit_amount) * Number(li.quantity ?? 1), 0);
    const invoice: Obj = {
      id: alnumId("in_", 24),
      object: "invoice",
      customer: session.customer,
      status: "paid",
      number: `SB-${String(++invoiceNumber).padStart(4, "0")}`,
      currency: "usd",
      amount_due: amount,
      amount_paid: amount,
      period_start: start,
      period_end: end,
      created: start,
      due_date: null,
      hosted_invoice_url: `${baseUrl}/invoices/${invoiceNumber}`,
      parent: { type: "subscription_details", subscription_details: { subscription: subscription.id, metadata: subscription.metadata } },
      status_transitions: { paid_at: start },
      livemode: false,
    };
    subscription.latest_invoice = invoice.id;
    store.subscriptions.set(subscription.id, subscription);
    store.invoices.set(invoice.id, invoice);
    Object.assign(session, { status: "complete", payment_status: "paid", subscription: subscription.id });
    return { subscription, invoice };
  }

  const publicSession = (s: Obj) => Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith("_")));

  const routes: Route<string>[] = [
    {
      method: "POST",
      pattern: "/v1/customers",
      handler: post((_req, p) => {
        const customer: Obj = {
          id: alnumId("cus_", 14),
          object: "customer",
          name: p.name ?? null,
          email: p.email ?? null,
          metadata: p.metadata ?? {},
          created: now(),
          livemode: false,
        };
        store.customers.set(customer.id, customer);
        return json(200, customer);
      }),
    },
    { method: "GET", pattern: "/v1/customers/:id", handler: (req) => json(200, get(store.customers, "customer", req.params.id!)) },
    {
      method: "POST",
      pattern: "/v1/checkout/sessions",
      handler: post((_req, p) => {
        if (!["payment", "setup", "subscription"].includes(String(p.mode)))
          throw new FakeHttpError(400, "Missing required param: mode.", "parameter_missing");
        if (!p.success_url && p.ui_mode !== "embedded")
          throw new FakeHttpError(400, "Missing required param: success_url.", "parameter_missing");
        const items = (p.line_items as Array<{ price?: string; quantity?: string }> | undefined) ?? [];
        if (items.length === 0 || items.some((li) => !li.price))
          throw new FakeHttpError(400, "Missing required param: line_items[0][price].", "parameter_missing");
        items.forEach((li) => price(li.price!));
        if (p.customer) knownCustomer(String(p.customer));
        const id = `cs_test_${alnumId("", 40)}`;
        const session: Obj = {
          id,
          object: "checkout.session",
          url: `${baseUrl}/c/pay/${id}`,
          mode: p.mode,
          status: "open",
          payment_status: "unpaid",
          customer: p.customer ?? null,
          client_reference_id: p.client_reference_id ?? null,
          metadata: p.metadata ?? {},
          subscription: null,
          success_url: p.success_url ?? null,
          cancel_url: p.cancel_url ?? null,
          currency: "usd",
          amount_total: items.reduce((sum, li) => sum + Number(price(li.price!).unit_amount) * Number(li.quantity ?? 1), 0),
          created: now(),
          expires_at: now() + 86_400,
          livemode: false,
          _line_items: items,
          _subscription_metadata: (p.subscription_data as { metadata?: Record<string, string> } | undefined)?.metadata ?? {},
        };
        store.sessions.set(id, session);
        return json(200, publicSession(session));
      }),
    },
    {
      method: "GET",
      pattern: "/v1/checkout/sessions/:id",
      handler: (req) => json(200, publicSession(get(store.sessions, "checkout.session", req.params.id!))),
    },
    {
      method: "POST",
      pattern: "/v1/checkout/sessions/:id/expire",
      handler: post((req) => {
        const session = get(store.sessions, "checkout.session", req.params.id!);
        if (session.status !== "open")
          throw new FakeHttpError(
            400,
            `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(session.status)}".`,
            "checkout_session_not_open",
          );
        Object.assign(session, { status: "expired", url: null, expires_at: now() });
        return json(200, publicSession(session));
      }),
    },
    {
      method: "POST",
      pattern: "/v1/billing_portal/sessions",
      handler: post((_req, p) => {
        if (!p.customer) throw new FakeHttpError(400, "Missing required param: customer.", "parameter_missing");
        knownCustomer(String(p.customer));
        const id = alnumId("bps_", 24);
        const portal: Obj = {
          id,
          object: "billing_portal.session",
          url: `${baseUrl}/p/session/${id}`,
          customer: p.customer,
          return_url: p.return_url ?? null,
          created: now(),
          livemode: false,
        };
        store.portalSessions.set(id, portal);
        return json(200, portal);
      }),
    },
    {
      method: "GET",
      pattern: "/v1/subscriptions/:id",
      handler: (req) => json(200, get(store.subscriptions, "subscription", req.params.id!)),
    },
    {
      // Cancels at once (Stripe's DELETE /v1/subscriptions/:id); a second cancel answers the canceled subscription.
      method: "DELETE",
      pattern: "/v1/subscriptions/:id",
      handler: (req) => {
        const sub = get(store.subscriptions, "subscription", req.params.id!);
        if (sub.status !== "canceled") Object.assign(sub, { status: "canceled", canceled_at: now(), ended_at: now() });
        return json(200, sub);
      },
    },
  ];

  const control: Route<null>[] = [
    {
      method: "POST",
      pattern: "/__fake/checkout/complete",
      handler: (req) => {
        const { sessionId } = z.object({ sessionId: z.string() }).parse(req.json() ?? {});
        const session = get(store.sessions, "checkout.session", sessionId);
        return json(200, { session: publicSession(session), ...completeSession(session) });
      },
    },
    {
      method: "POST",
      pattern: "/__fake/send-webhook",
      handler: async (req) => {
        const body = webhookSchema.parse(req.json() ?? {});
        let object: Obj;
        if (body.event === "checkout.session.completed") {
          const session = get(store.sessions, "checkout.session", body.sessionId ?? "");
          completeSession(session);
          object = publicSession(session) as Obj;
        } else if (body.event.startsWith("customer.subscription.")) {
          object = get(store.subscriptions, "subscription", body.subscriptionId ?? "");
          if (body.event === "customer.subscription.deleted")
            Object.assign(object, { status: "canceled", canceled_at: now(), ended_at: now() });
          const items = (object.items as { data: Array<Record<string, unknown>> }).data;
          if (body.priceId && items[0]) items[0].price = price(body.priceId);
        } else {
          object = get(store.invoices, "invoice", body.invoiceId ?? "");
          if (body.event === "invoice.payment_failed")
            Object.assign(object, { status: "open", amount_paid: 0, attempted: true, status_transitions: { paid_at: null } });
        }
        Object.assign(object, body.object);
        const { event, delivery } = await sendEvent(body.target, body.event, object, { eventId: body.eventId, signedAt: body.signedAt });
        return json(200, { event, deliveries: [delivery] });
      },
    },
    {
      method: "POST",
      pattern: "/__fake/webhook-target",
      handler: (req) => {
        webhookTarget = z.object({ url: z.string().url() }).parse(req.json() ?? {}).url;
        return json(200, { webhookTarget });
      },
    },
  ];

  /**
   * Signs and delivers one event as Stripe does: `Stripe-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret,
   * "<t>.<payload>")>` (the package's generateTestHeaderString computes exactly that).
   */
  async function sendEvent(target: string, type: string, object: Obj, o: { eventId?: string; signedAt?: number } = {}) {
    const event = {
      id: o.eventId ?? alnumId("evt_", 24),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: now(),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const payload = JSON.stringify(event, null, 2);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: o.signedAt });
    return { event, delivery: await deliverWebhook(target, payload, { "stripe-signature": header }) };
  }

  const pages = stripePages({
    store,
    price,
    completeSession,
    publicSession,
    now,
    newInvoice: (sub, amount, status) => {
      const start = now();
      const invoice: Obj = {
        id: alnumId("in_", 24),
        object: "invoice",
        customer: sub.customer,
        status,
        number: `SB-${String(++invoiceNumber).padStart(4, "0")}`,
        currency: "usd",
        amount_due: amount,
        amount_paid: status === "paid" ? amount : 0,
        attempt_count: 1,
        period_start: start,
        period_end: start + 30 * 86_400,
        created: start,
        due_date: null,
        hosted_invoice_url: `${baseUrl}/invoices/${invoiceNumber}`,
        parent: { type: "subscription_details", subscription_details: { subscription: sub.id, metadata: sub.metadata } },
        status_transitions: { paid_at: status === "paid" ? start : null },
        livemode: false,
      };
      store.invoices.set(invoice.id, invoice);
      sub.latest_invoice = invoice.id;
      return invoice;
    },
    send: async (type, object) => {
      const { delivery } = await sendEvent(webhookTarget, type, publicSession(object) as Obj);
      deliveries.push({ type, status: delivery.status });
      if (deliveries.length > 100) deliveries.shift();
    },
  });

  return startFakeServer(
    {
      name: "stripe",
      routes,
      control,
      pages,
      authenticate: (req) => {
        const key = bearerToken(req.headers);
        return key && keys.has(key) ? key : null;
      },
      errorResponse: (status, message, code) => {
        const type =
          status === 401 || status === 404 || status === 429 || (status >= 400 && status < 500 && code !== "card_declined")
            ? "invalid_request_error"
            : status === 402
              ? "card_error"
              : "api_error";
        const msg = status === 401 ? "Invalid API Key provided." : status === 429 ? "Request rate limit exceeded." : message;
        return json(
          status,
          {
            error: {
              type: code === "idempotency_error" ? "idempotency_error" : type,
              ...(code ? { code: status === 429 ? "rate_limit" : code } : {}),
              message: msg,
            },
          },
          { "request-id": alnumId("req_", 14) },
        );
      },
      rateLimitHeaders: (retryAfter) => ({ "retry-after": String(Math.ceil(retryAfter)), "stripe-should-retry": "false" }),
      decorate: (_req, res) => ({ ...res, headers: { "request-id": alnumId("req_", 14), ...res.headers } }),
      reset: () => {
        for (const map of Object.values(store)) map.clear();
        idempotent.clear();
      },
      state: () => ({
        customers: [...store.customers.values()],
        sessions: [...store.sessions.values()].map(publicSession),
        subscriptions: [...store.subscriptions.values()],
        invoices: [...store.invoices.values()],
        portalSessions: [...store.portalSessions.values()],
        webhookTarget,
        deliveries,
      }),
    },
    opts,
  ).then((server) => {
    baseUrl = server.url;
    return server;
  });
}
