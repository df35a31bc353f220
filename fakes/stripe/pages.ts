import { FakeHttpError, type FakeRequest, type FakeResponse, type Route } from "../shared/http";

type Obj = Record<string, unknown> & { id: string };

export interface StripePagesContext {
  store: { sessions: Map<string, Obj>; subscriptions: Map<string, Obj>; invoices: Map<string, Obj>; portalSessions: Map<string, Obj> };
  price(id: string): Obj;
  completeSession(session: Obj): { subscription: Obj; invoice: Obj };
  publicSession(session: Obj): Record<string, unknown>;
  now(): number;
  newInvoice(sub: Obj, amountCents: number, status: "paid" | "open"): Obj;
  /** Signs and delivers one event to the app's receiver. */
  send(type: string, object: Obj): Promise<void>;
}

/** The prices the portal offers, in plan order (the fake's defaults, as .env.example names them). */
const PLAN_PRICES = [
  { name: "PRO", price: process.env.STRIPE_PRICE_PRO ?? "price_switchboard_pro_monthly" },
  { name: "ENTERPRISE", price: process.env.STRIPE_PRICE_ENTERPRISE ?? "price_switchboard_enterprise_monthly" },
  { name: "UNLIMITED", price: process.env.STRIPE_PRICE_UNLIMITED ?? "price_switchboard_unlimited_monthly" },
];

const esc = (t: unknown) => String(t ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const money = (cents: unknown) => `$${(Number(cents) / 100).toFixed(2)}`;

function page(title: string, body: string): FakeResponse {
  return {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    text: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
button{font:inherit;padding:.6rem 1rem;margin:.25rem 0;border-radius:6px;border:1px solid #444;background:#fff;cursor:pointer;width:100%}
button.primary{background:#4b2fd6;color:#fff;border-color:#4b2fd6}a.button{display:block;text-align:center;padding:.6rem 1rem;border:1px solid #444;border-radius:6px;color:#1a1a1a;text-decoration:none}.muted{color:#555}form{margin:0}</style></head>
<body><main><p class="muted">Test mode (Switchboard's Stripe fake)</p>${body}</main></body></html>`,
  };
}

const redirect = (to: string): FakeResponse => ({ status: 303, headers: { location: to } });
const form = (req: FakeRequest<null>) => new URLSearchParams(req.rawBody.toString("utf8"));

/**
 * Stripe's hosted pages as a browser sees them, so the whole billing loop runs offline:
 * - Checkout `/c/pay/:id`: "Pay" completes the session (an active subscription and a paid invoice) and
 *   sends checkout.session.completed, customer.subscription.created and invoice.paid, then redirects to
 *   the session's success_url; "Cancel" goes to its cancel_url.
 * - Portal `/p/session/:id`: switch plan now (customer.subscription.updated + invoice.paid for the new
 *   price), change plan or cancel at period end (cancel_at_period_end / a pending price: updated),
 *   "End the current period" (a test clock: the pending change happens — deleted, or updated to the new
 *   price), "Fail the next payment" (invoice.payment_failed + updated with status past_due), "Pay now"
 *   (invoice.paid + updated active); "Return" goes to the return_url.
 */
export function stripePages(ctx: StripePagesContext): Route<null>[] {
  const session = (id: string) => {
    const s = ctx.store.sessions.get(id);
    if (!s) throw new FakeHttpError(404, "This checkout session does not exist.");
    return s;
  };
  const portal = (id: string) => {
    const p = ctx.store.portalSessions.get(id);
    if (!p) throw new FakeHttpError(404, "This portal session does not exist.");
    return p;
  };
  const subscriptionOf = (customer: unknown) =>
    [...ctx.store.subscriptions.values()].filter((s) => s.customer === customer && s.status !== "canceled").at(-1) ?? null;
  const itemOf = (sub: Obj) => (sub.items as { data: Array<Record<string, unknown>> }).data[0]!;
  const planOf = (sub: Obj) => PLAN_PRICES.find((p) => p.price === (itemOf(sub).price as Obj).id)?.name ?? "custom";

  return [
    {
      method: "GET",
      pattern: "/c/pay/:id",
      handler: (req) => {
        const s = session(req.params.id!);
        const items = (s._line_items as Array<{ price: string }>) ?? [];
        const plan = PLAN_PRICES.find((p) => p.price === items[0]?.price)?.name ?? "Subscription";
        if (s.status === "complete") return page("Paid", `<h1>Already paid</h1><p><a href="${esc(s.success_url)}">Back</a></p>`);
        if (s.status === "expired")
          return page("Expired", `<h1>This checkout has expired</h1><p><a href="${esc(s.cancel_url)}">Back</a></p>`);
        return page(
          `Subscribe to ${plan}`,
          `<h1>Subscribe to Switchboard ${esc(plan)}</h1><p><strong>${money(s.amount_total)}</strong> per month</p>
<form method="post"><label>Card number <input name="card" value="4242 4242 4242 4242" autocomplete="off"></label>
<button class="primary" type="submit">Pay and subscribe</button></form>
<p><a class="button" href="${esc(s.cancel_url)}">Cancel</a></p>`,
        );
      },
    },
    {
      method: "POST",
      pattern: "/c/pay/:id",
      handler: async (req) => {
        const s = session(req.params.id!);
        const first = s.status !== "complete";
        const { subscription, invoice } = ctx.completeSession(s);
        if (first) {
          await ctx.send("checkout.session.completed", ctx.publicSession(s) as Obj);
          await ctx.send("customer.subscription.created", subscription);
          await ctx.send("invoice.paid", invoice);
        }
        return redirect(String(s.success_url ?? "/").replace("{CHECKOUT_SESSION_ID}", s.id));
      },
    },
    {
      method: "GET",
      pattern: "/p/session/:id",
      handler: (req) => {
        const p = portal(req.params.id!);
        const sub = subscriptionOf(p.customer);
        const back = `<p><a class="button" href="${esc(p.return_url ?? "/")}">Return to Switchboard</a></p>`;
        if (!sub) return page("Billing portal", `<h1>No active subscription</h1>${back}`);
        const current = planOf(sub);
        const pending = sub._pending_price ? PLAN_PRICES.find((x) => x.price === sub._pending_price)?.name : null;
        const end = new Date(Number(itemOf(sub).current_period_end) * 1000).toISOString().slice(0, 10);
        const btn = (action: string, label: string, extra = "", primary = false) =>
          `<form method="post"><input type="hidden" name="action" value="${action}">${extra}<button ${primary ? 'class="primary" ' : ""}type="submit">${esc(label)}</button></form>`;
        const plans = PLAN_PRICES.filter((x) => x.name !== current)
          .map(
            (x) =>
              btn("switch", `Switch to ${x.name} now`, `<input type="hidden" name="price" value="${x.price}">`) +
              btn("switch_at_period_end", `Switch to ${x.name} at period end`, `<input type="hidden" name="price" value="${x.price}">`),
          )
          .join("");
        return page(
          "Billing portal",
          `<h1>Your plan: ${esc(current)}</h1><p>Status: <strong>${esc(sub.status)}</strong>. Current period ends ${end}.</p>
${sub.cancel_at_period_end ? `<p>Cancels at the end of the period.</p>` : ""}${pending ? `<p>Changes to ${esc(pending)} at the end of the period.</p>` : ""}
${plans}${sub.cancel_at_period_end ? "" : btn("cancel_at_period_end", "Cancel at period end")}
<h2>Test clock</h2>${btn("end_period", "End the current period")}${btn("fail_payment", "Fail the next payment")}${sub.status === "past_due" ? btn("pay", "Pay now", "", true) : ""}
${back}`,
        );
      },
    },
    {
      method: "POST",
      pattern: "/p/session/:id",
      handler: async (req) => {
        const p = portal(req.params.id!);
        const sub = subscriptionOf(p.customer);
        if (!sub) throw new FakeHttpError(409, "No active subscription.");
        const f = form(req);
        const action = f.get("action");
        const item = itemOf(sub);
        if (action === "switch") {
          const next = ctx.price(f.get("price") ?? "");
          item.price = next;
          delete sub._pending_price;
          sub.cancel_at_period_end = false;
          await ctx.send("customer.subscription.updated", sub);
          await ctx.send("invoice.paid", ctx.newInvoice(sub, Number(next.unit_amount), "paid"));
        } else if (action === "switch_at_period_end") {
          sub._pending_price = ctx.price(f.get("price") ?? "").id;
          // Stripe schedules the change; the subscription itself says nothing new until the period ends.
        } else if (action === "cancel_at_period_end") {
          sub.cancel_at_period_end = true;
          await ctx.send("customer.subscription.updated", sub);
        } else if (action === "end_period") {
          const start = ctx.now();
          if (sub.cancel_at_period_end) {
            Object.assign(sub, { status: "canceled", canceled_at: start, ended_at: start });
            await ctx.send("customer.subscription.deleted", sub);
          } else {
            if (sub._pending_price) item.price = ctx.price(String(sub._pending_price));
            delete sub._pending_price;
            Object.assign(item, { current_period_start: start, current_period_end: start + 30 * 86_400 });
            await ctx.send("customer.subscription.updated", sub);
            await ctx.send("invoice.paid", ctx.newInvoice(sub, Number((item.price as Obj).unit_amount), "paid"));
          }
        } else if (action === "fail_payment") {
          const invoice = ctx.newInvoice(sub, Number((item.price as Obj).unit_amount), "open");
          sub.status = "past_due";
          await ctx.send("invoice.payment_failed", invoice);
          await ctx.send("customer.subscription.updated", sub);
        } else if (action === "pay") {
          const invoice = ctx.store.invoices.get(String(sub.latest_invoice));
          if (invoice && invoice.status === "open")
            Object.assign(invoice, { status: "paid", amount_paid: invoice.amount_due, status_transitions: { paid_at: ctx.now() } });
          sub.status = "active";
          if (invoice) await ctx.send("invoice.paid", invoice);
          await ctx.send("customer.subscription.updated", sub);
        } else {
          throw new FakeHttpError(400, "Unknown action.");
        }
        return redirect(`/p/session/${p.id}`);
      },
    },
  ];
}
