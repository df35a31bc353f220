import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { PUT as ALERT } from "@/app/api/v1/billing/alert/route";
import { POST as CHECKOUT } from "@/app/api/v1/billing/checkout/route";
import { GET as INVOICE } from "@/app/api/v1/billing/invoices/[id]/route";
import { GET as INVOICES } from "@/app/api/v1/billing/invoices/route";
import { GET as PAYMENTS } from "@/app/api/v1/billing/payments/route";
import { POST as PORTAL } from "@/app/api/v1/billing/portal/route";
import { GET as SUBSCRIPTION } from "@/app/api/v1/billing/subscription/route";
import { GET as USAGE } from "@/app/api/v1/billing/usage/route";
import { hashToken } from "@/lib/auth/hash-token";
import { createStripeClient } from "@/lib/integrations/stripe/client";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { users } from "@/lib/db/schema/users";
import { decide } from "@/lib/gateway/rate-limit/decide";
import { loadCompanyRecord } from "@/lib/gateway/sync/load-company-record";
import { getRedis, redisKey } from "@/lib/redis/client";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import { getBillingUsage } from "@/lib/services/billing/get-billing-usage";
import { checkUsageAlerts } from "@/lib/services/billing/check-usage-alerts";
import { rollupCompanyUsage } from "@/lib/services/billing/rollup-company-usage";
import { fakeControl, fakeRequests, fakeState } from "../helpers/fakes-control";
import { waitFor } from "../helpers/jobs-wait";
import { personCaller, routeParams, signedRequest, type TestCaller } from "../helpers/signed-request";
import { setupWebhookHarness } from "../helpers/webhook-fixture";
import type { WebhookHarness } from "../helpers/webhook-harness";
import { seedWebhookTenant, type WebhookTenant } from "../helpers/webhook-tenants";

const harness = setupWebhookHarness();
let h: WebhookHarness;
beforeAll(async () => {
  h = harness.h;
  // The fake's hosted pages deliver their signed events to our receiver behind the harness's server.
  await fakeControl(h.fake.stripe, "POST", "/__fake/webhook-target", { url: h.target("stripe") });
});

const HOUR = 3_600_000;
const DAY = 86_400_000;
const company = async (id: string) => (await getDb().select().from(companies).where(eq(companies.id, id)))[0]!;

async function call<T = unknown>(
  handler: (req: Request) => Promise<Response>,
  path: string,
  caller: TestCaller,
  opts: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await handler(await signedRequest(path, { caller, ...opts }));
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as { data: T; meta?: { nextCursor: string | null }; error?: { code: string } },
  };
}

/** What a person's browser does on a fake Stripe page: submit its form; the answer is a redirect. */
async function submit(url: string, form: Record<string, string> = {}) {
  const res = await fetch(url, { method: "POST", body: new URLSearchParams(form), redirect: "manual" });
  expect(res.status).toBe(303);
  return res.headers.get("location")!;
}

/** An API key's request for the calls group, as the edge decides it (hash = the key's SHA-256). */
const keyRequest = (hash: string, now?: number) =>
  decide({ now, ip: "198.51.100.4", auth: "key", principal: hash, group: "calls", applyGlobal: false });

async function subscribeThroughCheckout(t: WebhookTenant) {
  const checkout = await call<{ url: string }>(CHECKOUT, "/api/v1/billing/checkout", t.owner, { method: "POST", body: { tier: "PRO" } });
  expect(checkout.status).toBe(201);
  expect(checkout.body.data.url).toContain(`${h.fake.stripe}/c/pay/`);
  const page = await fetch(checkout.body.data.url);
  expect(await page.text()).toContain("Subscribe to Switchboard PRO");
  const back = await submit(checkout.body.data.url);
  expect(back).toMatch(/\/billing\?checkout=success&session_id=cs_test_/);
  await waitFor(async () => (await company(t.companyId)).tier === "PRO", { what: "the tier to become PRO" });
}

describe("the Stripe loop on the fake's hosted pages", () => {
  it("checkout → signed webhooks → PRO, and the gateway's limits change on the next request", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    await loadCompanyRecord(t.companyId);
    const key = await createApiKey({
      companyId: t.companyId,
      actor: { userId: t.userId, apiKeyId: null, role: "owner", scopes: null, isPlatformAdmin: false, ip: null, requestId: null },
      name: "loop",
      scopes: ["calls:read"],
    });
    const hash = await hashToken(key.key);
    const before = await keyRequest(hash);
    expect(before).toMatchObject({ kind: "ok", tier: "FREE", layer: "endpoint", limit: 300 });

    await subscribeThroughCheckout(t);

    const after = await keyRequest(hash);
    expect(after).toMatchObject({ kind: "ok", tier: "PRO", layer: "endpoint", limit: 900 });
    const sub = await call<{
      tier: string;
      status: string;
      currentPeriodEnd: string;
      cancelAtPeriodEnd: boolean;
      limits: { companyPerHour: number };
    }>(SUBSCRIPTION, "/api/v1/billing/subscription", t.owner);
    expect(sub.body.data).toMatchObject({ tier: "PRO", status: "active", cancelAtPeriodEnd: false, limits: { companyPerHour: 6000 } });
    expect(Date.parse(sub.body.data.currentPeriodEnd)).toBeGreaterThan(Date.now());
    // invoice.paid is its own delivery: the tier can change before it is recorded.
    const invoices = await waitFor(
      async () => {
        const res = await call<Array<{ status: string; amountPaidCents: number; hostedInvoiceUrl: string }>>(
          INVOICES,
          "/api/v1/billing/invoices",
          t.owner,
        );
        return res.body.data.length > 0 && res;
      },
      { what: "the paid invoice to be recorded" },
    );
    expect(invoices.body.data).toHaveLength(1);
    expect(invoices.body.data[0]).toMatchObject({ status: "paid", amountPaidCents: 9900 });
    expect(invoices.body.data[0]!.hostedInvoiceUrl).toContain("/invoices/");
    expect(invoices.body.meta).toEqual({ nextCursor: null });
  });

  it("a downgrade at period end keeps the tier until the period ends, then FREE on the next request", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    await subscribeThroughCheckout(t);
    const portal = await call<{ url: string }>(PORTAL, "/api/v1/billing/portal", t.owner, { method: "POST" });
    expect(portal.status).toBe(201);
    await submit(portal.body.data.url, { action: "cancel_at_period_end" });
    await waitFor(async () => (await company(t.companyId)).cancelAtPeriodEnd, { what: "cancel at period end" });
    expect((await company(t.companyId)).tier).toBe("PRO");
    const pending = await call<{ tier: string; cancelAtPeriodEnd: boolean }>(SUBSCRIPTION, "/api/v1/billing/subscription", t.owner);
    expect(pending.body.data).toMatchObject({ tier: "PRO", cancelAtPeriodEnd: true });

    await submit(portal.body.data.url, { action: "end_period" });
    await waitFor(async () => (await company(t.companyId)).tier === "FREE", { what: "the tier to fall back to FREE" });
    const person = await decide({
      ip: "198.51.100.5",
      auth: "user",
      principal: t.userId,
      companyId: t.companyId,
      group: "calls",
      applyGlobal: false,
    });
    expect(person).toMatchObject({ kind: "ok", tier: "FREE" });
    const after = await call<{ tier: string; status: string; hasSubscription: boolean }>(
      SUBSCRIPTION,
      "/api/v1/billing/subscription",
      t.owner,
    );
    expect(after.body.data).toMatchObject({ tier: "FREE", status: "none", hasSubscription: false });
  });

  it("a failed payment marks the subscription past due and lists the failed attempt", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    await subscribeThroughCheckout(t);
    const portal = await call<{ url: string }>(PORTAL, "/api/v1/billing/portal", t.owner, { method: "POST" });
    await submit(portal.body.data.url, { action: "fail_payment" });
    await waitFor(async () => (await company(t.companyId)).subscriptionStatus === "past_due", { what: "past_due" });
    const sub = await call<{ tier: string; status: string }>(SUBSCRIPTION, "/api/v1/billing/subscription", t.owner);
    expect(sub.body.data).toMatchObject({ tier: "PRO", status: "past_due" });
    const payments = await waitFor(async () => {
      const p = await call<Array<{ status: string }>>(PAYMENTS, "/api/v1/billing/payments", t.owner);
      return p.body.data.some((x) => x.status === "failed") && p.body.data;
    });
    expect(payments.map((p) => p.status)).toContain("failed");
    const invoices = await call<Array<{ status: string }>>(INVOICES, "/api/v1/billing/invoices", t.owner);
    expect(invoices.body.data.map((i) => i.status).sort()).toEqual(["open", "paid"]);
  });
});

describe("billing API: tenants, pages, permissions, input", () => {
  it("another company's invoice id is a 404, as an unknown one; lists page with a cursor", async () => {
    const a = await seedWebhookTenant({ tier: "FREE" });
    await subscribeThroughCheckout(a);
    const portal = await call<{ url: string }>(PORTAL, "/api/v1/billing/portal", a.owner, { method: "POST" });
    await submit(portal.body.data.url, { action: "switch", price: "price_switchboard_enterprise_monthly" });
    await waitFor(async () => (await company(a.companyId)).tier === "ENTERPRISE", { what: "ENTERPRISE" });
    const all = await waitFor(async () => {
      const r = await call<Array<{ id: string }>>(INVOICES, "/api/v1/billing/invoices", a.owner);
      return r.body.data.length === 2 && r.body.data;
    });
    const first = await call<Array<{ id: string }>>(INVOICES, "/api/v1/billing/invoices?limit=1", a.owner);
    expect(first.body.data).toEqual([all[0]]);
    const second = await call<Array<{ id: string }>>(
      INVOICES,
      `/api/v1/billing/invoices?limit=1&cursor=${first.body.meta!.nextCursor}`,
      a.owner,
    );
    expect(second.body.data).toEqual([all[1]]);
    expect(second.body.meta).toEqual({ nextCursor: null });

    const own = await INVOICE(
      await signedRequest(`/api/v1/billing/invoices/${all[0]!.id}`, { caller: a.owner }),
      routeParams({ id: all[0]!.id }),
    );
    expect(own.status).toBe(200);
    const b = await seedWebhookTenant({ tier: "FREE" });
    const theirs = await INVOICE(
      await signedRequest(`/api/v1/billing/invoices/${all[0]!.id}`, { caller: b.owner }),
      routeParams({ id: all[0]!.id }),
    );
    expect(theirs.status).toBe(404);
    expect(((await theirs.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const bList = await call<unknown[]>(INVOICES, "/api/v1/billing/invoices", b.owner);
    expect(bList.body.data).toEqual([]);
  });

  it("admins read, only owners manage; bad input is a 400 in the envelope", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    const admin = personCaller({ userId: t.userId, companyId: t.companyId, role: "admin" });
    const member = personCaller({ userId: t.userId, companyId: t.companyId, role: "member" });
    expect((await call(SUBSCRIPTION, "/api/v1/billing/subscription", admin)).status).toBe(200);
    expect((await call(SUBSCRIPTION, "/api/v1/billing/subscription", member)).status).toBe(403);
    expect((await call(CHECKOUT, "/api/v1/billing/checkout", admin, { method: "POST", body: { tier: "PRO" } })).status).toBe(403);
    const bad = await call(CHECKOUT, "/api/v1/billing/checkout", t.owner, { method: "POST", body: { tier: "FREE" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe("validation_failed");
    expect((await call(USAGE, "/api/v1/billing/usage?from=2020-13-01", t.owner)).status).toBe(400);
    expect((await call(INVOICES, "/api/v1/billing/invoices?cursor=nope", t.owner)).status).toBe(400);
    expect((await call(PORTAL, "/api/v1/billing/portal", t.owner, { method: "POST" })).status).toBe(409);
    expect((await call(ALERT, "/api/v1/billing/alert", t.owner, { method: "PUT", body: { percent: 150 } })).status).toBe(400);
    const set = await call(ALERT, "/api/v1/billing/alert", t.owner, { method: "PUT", body: { percent: 80 } });
    expect(set.body.data).toEqual({ percent: 80 });
    expect((await company(t.companyId)).usageAlertPercent).toBe(80);
  });

  it("checkout honours Idempotency-Key: the same key and body answer the same URL, another body 409", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    const headers = { "idempotency-key": `billing-${t.companyId}` };
    const one = await call<{ url: string }>(CHECKOUT, "/api/v1/billing/checkout", t.owner, {
      method: "POST",
      body: { tier: "PRO" },
      headers,
    });
    const two = await call<{ url: string }>(CHECKOUT, "/api/v1/billing/checkout", t.owner, {
      method: "POST",
      body: { tier: "PRO" },
      headers,
    });
    expect(two.body.data.url).toBe(one.body.data.url);
    expect(two.headers.get("idempotent-replayed")).toBe("true");
    const other = await call(CHECKOUT, "/api/v1/billing/checkout", t.owner, { method: "POST", body: { tier: "ENTERPRISE" }, headers });
    expect(other.status).toBe(409);
  });

  it("an Idempotency-Key replay of checkout or portal answers the first URL without calling Stripe again", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    const stripeCalls = async (path: string) =>
      (await fakeRequests(h.fake.stripe, path)).filter((r) => r.method === "POST" && JSON.stringify(r.body).includes(t.companyId)).length;
    const checkoutHeaders = { "idempotency-key": `replay-checkout-${t.companyId}` };
    const one = await call<{ url: string }>(CHECKOUT, "/api/v1/billing/checkout", t.owner, {
      method: "POST",
      body: { tier: "PRO" },
      headers: checkoutHeaders,
    });
    expect(one.status).toBe(201);
    const sessionsBefore = await stripeCalls("/v1/checkout/sessions");
    expect(sessionsBefore).toBe(1);
    const two = await call<{ url: string }>(CHECKOUT, "/api/v1/billing/checkout", t.owner, {
      method: "POST",
      body: { tier: "PRO" },
      headers: checkoutHeaders,
    });
    expect(two.headers.get("idempotent-replayed")).toBe("true");
    expect(two.body.data.url).toBe(one.body.data.url);
    expect(await stripeCalls("/v1/checkout/sessions")).toBe(sessionsBefore);
    // Once another checkout replaced (expired) that session, the key no longer answers it: the request runs as new.
    await call(CHECKOUT, "/api/v1/billing/checkout", t.owner, { method: "POST", body: { tier: "ENTERPRISE" } });
    const three = await call<{ url: string }>(CHECKOUT, "/api/v1/billing/checkout", t.owner, {
      method: "POST",
      body: { tier: "PRO" },
      headers: checkoutHeaders,
    });
    expect(three.status).toBe(201);
    expect(three.headers.get("idempotent-replayed")).toBeNull();
    expect(three.body.data.url).not.toBe(one.body.data.url);

    // The portal: the customer's id is in the form body, not the company's.
    const customerId = (await company(t.companyId)).stripeCustomerId!;
    const portalCalls = async () =>
      (await fakeRequests(h.fake.stripe, "/v1/billing_portal/sessions")).filter((r) => JSON.stringify(r.body).includes(customerId)).length;
    const portalHeaders = { "idempotency-key": `replay-portal-${t.companyId}` };
    const p1 = await call<{ url: string }>(PORTAL, "/api/v1/billing/portal", t.owner, { method: "POST", headers: portalHeaders });
    expect(p1.status).toBe(201);
    expect(await portalCalls()).toBe(1);
    const p2 = await call<{ url: string }>(PORTAL, "/api/v1/billing/portal", t.owner, { method: "POST", headers: portalHeaders });
    expect(p2.headers.get("idempotent-replayed")).toBe("true");
    expect(p2.body.data.url).toBe(p1.body.data.url);
    expect(await portalCalls()).toBe(1);
  });
});

describe("checkout never lowers a plan", () => {
  it("a company given ENTERPRISE without a subscription: checkout to PRO is a 409 that says why; to ENTERPRISE or above it opens", async () => {
    const t = await seedWebhookTenant({ tier: "ENTERPRISE" });
    const lower = await call<unknown>(CHECKOUT, "/api/v1/billing/checkout", t.owner, { method: "POST", body: { tier: "PRO" } });
    expect(lower.status).toBe(409);
    expect((lower.body.error as { message?: string } | undefined)?.message).toMatch(/ENTERPRISE, above PRO: a checkout cannot lower it/);
    expect((await company(t.companyId)).stripeCheckoutSessionId).toBeNull();
    const same = await call<{ url: string }>(CHECKOUT, "/api/v1/billing/checkout", t.owner, {
      method: "POST",
      body: { tier: "ENTERPRISE" },
    });
    expect(same.status).toBe(201);
    const higher = await call<{ url: string }>(CHECKOUT, "/api/v1/billing/checkout", t.owner, {
      method: "POST",
      body: { tier: "UNLIMITED" },
    });
    expect(higher.status).toBe(201);
  });
});

describe("at most one paid checkout per company", () => {
  type FakeSession = { id: string; status: string; subscription: string | null };
  type FakeSubscription = { id: string; status: string };
  const sessionAt = async (id: string) => (await fakeState<{ sessions: FakeSession[] }>(h.fake.stripe)).sessions.find((s) => s.id === id)!;
  const sessionIdOf = (url: string) => url.split("/c/pay/")[1]!;

  it("a new checkout expires the company's previous open session, which can no longer be paid", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    const pro = await call<{ url: string }>(CHECKOUT, "/api/v1/billing/checkout", t.owner, { method: "POST", body: { tier: "PRO" } });
    const ent = await call<{ url: string }>(CHECKOUT, "/api/v1/billing/checkout", t.owner, {
      method: "POST",
      body: { tier: "ENTERPRISE" },
    });
    expect([pro.status, ent.status]).toEqual([201, 201]);
    const [first, second] = [sessionIdOf(pro.body.data.url), sessionIdOf(ent.body.data.url)];
    expect(second).not.toBe(first);
    expect((await sessionAt(first)).status).toBe("expired");
    expect((await sessionAt(second)).status).toBe("open");
    expect((await company(t.companyId)).stripeCheckoutSessionId).toBe(second);

    // Paying the expired one is refused, as Stripe does; the open one goes through.
    const refused = await fetch(pro.body.data.url, { method: "POST", body: new URLSearchParams({}), redirect: "manual" });
    expect(refused.status).toBe(400);
    expect((await sessionAt(first)).status).toBe("expired");
    await submit(ent.body.data.url);
    await waitFor(async () => (await company(t.companyId)).tier === "ENTERPRISE", { what: "the tier to become ENTERPRISE" });
    await waitFor(async () => (await company(t.companyId)).stripeCheckoutSessionId === null, { what: "the open session to be forgotten" });
    // The same tier again after the other one: a new session, not Stripe's replay of the expired one.
    const t2 = await seedWebhookTenant({ tier: "FREE" });
    const a = await call<{ url: string }>(CHECKOUT, "/api/v1/billing/checkout", t2.owner, { method: "POST", body: { tier: "PRO" } });
    await call(CHECKOUT, "/api/v1/billing/checkout", t2.owner, { method: "POST", body: { tier: "ENTERPRISE" } });
    const again = await call<{ url: string }>(CHECKOUT, "/api/v1/billing/checkout", t2.owner, { method: "POST", body: { tier: "PRO" } });
    expect(again.status).toBe(201);
    expect(sessionIdOf(again.body.data.url)).not.toBe(sessionIdOf(a.body.data.url));
    expect((await sessionAt(sessionIdOf(again.body.data.url))).status).toBe("open");
  });

  it("a second paid checkout (sessions paid before one was expired) does not replace the subscription: it is cancelled at Stripe", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    await subscribeThroughCheckout(t);
    const paid = await company(t.companyId);
    expect(paid.stripeSubscriptionId).toMatch(/^sub_/);
    // A session the app never recorded (a race both requests won, or one opened elsewhere), for the same customer.
    const stray = await createStripeClient().createCheckoutSession(
      { id: t.companyId, name: paid.name, stripeCustomerId: paid.stripeCustomerId },
      "ENTERPRISE",
      { previousSessionId: "stray" },
    );
    await submit(stray.url);
    const strayed = await waitFor(
      async () => {
        const sub = (await sessionAt(stray.sessionId)).subscription;
        const subs = (await fakeState<{ subscriptions: FakeSubscription[] }>(h.fake.stripe)).subscriptions;
        return subs.find((s) => s.id === sub && s.status === "canceled");
      },
      { what: "the second subscription to be cancelled at Stripe" },
    );
    expect(strayed.id).not.toBe(paid.stripeSubscriptionId);
    const after = await company(t.companyId);
    expect(after).toMatchObject({ tier: "PRO", stripeSubscriptionId: paid.stripeSubscriptionId, subscriptionStatus: "active" });
  });
});

describe("usage by key and endpoint group, counted in the gateway's one trip", () => {
  // Half past the next hour: the hourly windows cannot turn over between two decisions.
  const NOW = (Math.floor(Date.now() / HOUR) + 1) * HOUR + HOUR / 2;
  const today = new Date(NOW).toISOString().slice(0, 10);

  it("equals the requests the test sent, and survives a Redis restart through the rollup", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    await loadCompanyRecord(t.companyId);
    const key = await createApiKey({
      companyId: t.companyId,
      actor: { userId: t.userId, apiKeyId: null, role: "owner", scopes: null, isPlatformAdmin: false, ip: null, requestId: null },
      name: "usage",
      scopes: ["calls:read"],
    });
    const hash = await hashToken(key.key);
    for (let i = 0; i < 5; i++) expect((await keyRequest(hash, NOW)).kind).toBe("ok");
    const person = () =>
      decide({
        now: NOW,
        ip: "198.51.100.6",
        auth: "user",
        principal: t.userId,
        companyId: t.companyId,
        group: "billing",
        applyGlobal: false,
      });
    for (let i = 0; i < 3; i++) expect((await person()).kind).toBe("ok");
    // a page view (no endpoint group) and a prefetch count in no API usage
    await decide({ now: NOW, ip: "198.51.100.6", auth: "user", principal: t.userId, companyId: t.companyId, applyGlobal: false });
    await decide({
      now: NOW,
      ip: "198.51.100.6",
      auth: "user",
      principal: t.userId,
      companyId: t.companyId,
      group: "calls",
      applyGlobal: false,
      peek: true,
    });

    const expectCounts = (u: Awaited<ReturnType<typeof getBillingUsage>>) => {
      const day = u.days.find((d) => d.day === today)!;
      expect(day).toMatchObject({ requests: 8, byEndpoint: { calls: 5, billing: 3 }, byKey: { [key.id]: 5, session: 3 } });
      expect(u.totals.byKey).toEqual([
        { keyId: key.id, name: "usage", requests: 5 },
        { keyId: "session", name: null, requests: 3 },
      ]);
      expect(u.totals.byEndpoint).toEqual({ calls: 5, billing: 3 });
    };
    const usage = await getBillingUsage(t.companyId, { from: today, to: today }, { now: new Date(NOW) });
    expectCounts(usage);
    // the company layer counted the page view too: 9 requests this hour, against FREE's 2 000
    expect(usage.currentHour).toEqual({ used: 9, limit: 2000, resetsAt: new Date((Math.floor(NOW / HOUR) + 1) * HOUR).toISOString() });
    expect(usage.limits.endpoint.calls).toBe(300);

    expect(await rollupCompanyUsage({ now: NOW })).toBeGreaterThan(0);
    // Redis restarted empty: the day's hash is gone, MySQL still has it
    await getRedis().del(redisKey("cu", t.companyId, Math.floor(NOW / DAY)));
    expectCounts(await getBillingUsage(t.companyId, { from: today, to: today }, { now: new Date(NOW) }));
    // and counting goes on after it: the larger of MySQL's and Redis's counts
    expect((await keyRequest(hash, NOW)).kind).toBe("ok");
    const again = await getBillingUsage(t.companyId, { from: today, to: today }, { now: new Date(NOW) });
    expect(again.days.find((d) => d.day === today)!.byKey[key.id]).toBe(5);
    expect(await rollupCompanyUsage({ now: NOW })).toBeGreaterThan(0);
  });

  it("the route answers the month so far by default, each day of it", async () => {
    const t = await seedWebhookTenant({ tier: "PRO" });
    const res = await call<{ from: string; days: unknown[]; month: { requestsLimit: number; callMinutesIncluded: number } }>(
      USAGE,
      "/api/v1/billing/usage",
      t.owner,
    );
    expect(res.status).toBe(200);
    expect(res.body.data.from).toBe(`${new Date().toISOString().slice(0, 7)}-01`);
    expect(res.body.data.days).toHaveLength(new Date().getUTCDate());
    expect(res.body.data.month.callMinutesIncluded).toBe(1000);
  });
});

describe("the usage alert", () => {
  const NOW = (Math.floor(Date.now() / HOUR) + 1) * HOUR + HOUR / 2;

  it("sends the owner one email when the hour crosses the threshold, and no second one that hour", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    await getDb()
      .update(companies)
      .set({ limitOverrides: { company: { perHour: 10 } } })
      .where(eq(companies.id, t.companyId));
    await loadCompanyRecord(t.companyId);
    await call(ALERT, "/api/v1/billing/alert", t.owner, { method: "PUT", body: { percent: 50 } });
    const request = () =>
      decide({
        now: NOW,
        ip: "198.51.100.7",
        auth: "user",
        principal: t.userId,
        companyId: t.companyId,
        group: "calls",
        applyGlobal: false,
      });
    for (let i = 0; i < 4; i++) await request();
    expect(await checkUsageAlerts({ now: NOW })).toBe(0);
    await request();
    expect(await checkUsageAlerts({ now: NOW })).toBe(1);
    await request();
    expect(await checkUsageAlerts({ now: NOW })).toBe(0);
    const owner = (await getDb().select().from(companies).where(eq(companies.id, t.companyId)))[0]!;
    expect(owner.usageAlertSentHour?.getTime()).toBe(Math.floor(NOW / HOUR) * HOUR);
    const [user] = await getDb().select({ email: users.email }).from(users).where(eq(users.id, t.userId));
    const mails = await waitFor(
      async () => {
        const { messages } = await fakeState<{ messages: Array<{ to: string[]; subject: string }> }>(h.fake.sendgrid);
        const mine = messages.filter((m) => m.to.includes(user!.email));
        return mine.length > 0 && mine;
      },
      { what: "the alert email" },
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("50 %");
  });
});
