import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit-log";
import { companies } from "@/lib/db/schema/companies";
import { invoices } from "@/lib/db/schema/invoices";
import { payments } from "@/lib/db/schema/payments";
import { webhookEvents } from "@/lib/db/schema/webhook-events";
import { decide } from "@/lib/gateway/rate-limit/decide";
import { recordKeys, type CompanyRecord } from "@/lib/gateway/records";
import { jobKeys } from "@/lib/jobs/keys";
import { getRedis, redisKey } from "@/lib/redis/client";
import { createCheckout } from "@/lib/services/billing/create-checkout";
import type { Capture } from "../helpers/fakes-capture";
import { fakeControl, fakeState } from "../helpers/fakes-control";
import { inspectQueue } from "../helpers/jobs-queue";
import { waitFor } from "../helpers/jobs-wait";
import { setupWebhookHarness } from "../helpers/webhook-fixture";
import { deliveryFootprint, sendOneWebhook, waitForWebhook, webhookRow, type WebhookHarness } from "../helpers/webhook-harness";
import { replay } from "../helpers/webhook-server";
import { postStripeEvent, stripeEvent } from "../helpers/webhook-stripe";
import { seedWebhookTenant, type WebhookTenant } from "../helpers/webhook-tenants";

const PRICE = {
  PRO: "price_switchboard_pro_monthly",
  ENTERPRISE: "price_switchboard_enterprise_monthly",
  UNLIMITED: "price_switchboard_unlimited_monthly",
};
type FakeSub = Record<string, unknown> & { id: string; latest_invoice: string };
const harness = setupWebhookHarness();
let h: WebhookHarness;
let capture: Capture;

beforeAll(() => {
  ({ h, capture } = harness);
});

const send = (body: Record<string, unknown>, target?: string) => sendOneWebhook(h, "stripe", body, target);

async function sendAndProcess(body: Record<string, unknown>) {
  const d = await send(body);
  expect(d.status, d.body).toBe(200);
  return waitForWebhook(d.json.data!.id!);
}

const company = async (id: string) => (await getDb().select().from(companies).where(eq(companies.id, id)))[0]!;
const edgeRecord = (id: string) => getRedis().get<CompanyRecord>(redisKey(recordKeys.company(id)));

/** The tenant buys `tier` through Checkout and Stripe reports it paid. */
async function subscribe(t: WebhookTenant, tier: "PRO" | "ENTERPRISE" = "PRO"): Promise<FakeSub> {
  const { sessionId } = await createCheckout(t.companyId, tier);
  await sendAndProcess({ event: "checkout.session.completed", sessionId });
  const { subscriptions } = await fakeState<{ subscriptions: FakeSub[] }>(h.fake.stripe);
  const subscriptionId = (await company(t.companyId)).stripeSubscriptionId;
  return subscriptions.find((s) => s.id === subscriptionId)!;
}

describe("Stripe webhooks: subscriptions set the tier", () => {
  it("checkout.session.completed links the company and moves it to the tier it bought, audited, with the edge record written through", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    const sub = await subscribe(t, "PRO");
    const row = await company(t.companyId);
    expect(row).toMatchObject({ tier: "PRO", stripeSubscriptionId: sub.id, stripeCustomerId: expect.stringMatching(/^cus_/) });
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, t.companyId), eq(auditLog.action, "company.tier_changed")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorUserId: null,
      actorApiKeyId: null,
      targetType: "company",
      targetId: t.companyId,
      metadata: { from: "FREE", to: "PRO", actor: "system:stripe", subscriptionId: sub.id },
    });
    expect(await edgeRecord(t.companyId)).toMatchObject({ tier: "PRO", limits: { companyPerHour: 6_000 } });
  });

  it("customer.subscription.updated to ENTERPRISE: the company's next request is decided with ENTERPRISE limits", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    const sub = await subscribe(t, "PRO");
    const ask = () =>
      decide({ ip: "203.0.113.9", auth: "user", principal: t.userId, companyId: t.companyId, group: "calls", applyGlobal: false });
    expect(await ask()).toMatchObject({ kind: "ok", tier: "PRO" });

    await sendAndProcess({ event: "customer.subscription.updated", subscriptionId: sub.id, priceId: PRICE.ENTERPRISE });
    expect(await ask()).toMatchObject({ kind: "ok", tier: "ENTERPRISE" });
    expect(await edgeRecord(t.companyId)).toMatchObject({ tier: "ENTERPRISE", limits: { companyPerHour: 20_000 } });
    expect(await company(t.companyId)).toMatchObject({ tier: "ENTERPRISE" });
  });

  it("a subscription event older than the last one applied changes nothing, whenever it arrives", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    const sub = await subscribe(t, "PRO");
    const now = Math.floor(Date.now() / 1000);
    const at = (price: string) => ({
      ...sub,
      items: {
        ...(sub.items as object),
        data: [{ ...(sub.items as { data: Array<Record<string, unknown>> }).data[0]!, price: { id: price, object: "price" } }],
      },
    });
    const newer = stripeEvent("customer.subscription.updated", at(PRICE.ENTERPRISE), now + 20);
    const older = stripeEvent("customer.subscription.updated", at(PRICE.UNLIMITED), now + 10);

    // Checkout applied the subscription: its event's time is the first watermark.
    const checkoutAt = (await company(t.companyId)).stripeSubscriptionEventAt;
    expect(checkoutAt).toBeInstanceOf(Date);
    expect(checkoutAt!.getTime()).toBeLessThanOrEqual(now * 1000);
    const first = await postStripeEvent(h.target("stripe"), newer);
    await waitForWebhook(first.json.data!.id!);
    // The applied event's `created` is the company's watermark now.
    expect(await company(t.companyId)).toMatchObject({ tier: "ENTERPRISE", stripeSubscriptionEventAt: new Date((now + 20) * 1000) });
    const late = await postStripeEvent(h.target("stripe"), older);
    expect(late.status).toBe(200);
    expect(await waitForWebhook(late.json.data!.id!)).toMatchObject({ status: "processed", companyId: t.companyId });

    // Neither the tier nor the watermark moved back.
    expect(await company(t.companyId)).toMatchObject({ tier: "ENTERPRISE", stripeSubscriptionEventAt: new Date((now + 20) * 1000) });
    // webhook_events holds the company's three deliveries and nothing else (no bookkeeping rows).
    const rows = await getDb()
      .select({ eventId: webhookEvents.eventId, eventType: webhookEvents.eventType })
      .from(webhookEvents)
      .where(eq(webhookEvents.companyId, t.companyId));
    expect(rows.map((r) => r.eventType).sort()).toEqual([
      "checkout.session.completed",
      "customer.subscription.updated",
      "customer.subscription.updated",
    ]);
    expect(rows.map((r) => r.eventId)).toEqual(expect.arrayContaining([newer.id, older.id]));
    expect(await edgeRecord(t.companyId)).toMatchObject({ tier: "ENTERPRISE" });
    const changes = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, t.companyId), eq(auditLog.action, "company.tier_changed")));
    expect(changes.map((a) => (a.metadata as { to: string }).to)).toEqual(["PRO", "ENTERPRISE"]);
  });

  it("customer.subscription.deleted puts the company back on FREE", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    const sub = await subscribe(t, "ENTERPRISE");
    expect(await company(t.companyId)).toMatchObject({ tier: "ENTERPRISE" });
    await sendAndProcess({ event: "customer.subscription.deleted", subscriptionId: sub.id });
    expect(await company(t.companyId)).toMatchObject({ tier: "FREE", stripeSubscriptionId: null });
    expect(await edgeRecord(t.companyId)).toMatchObject({ tier: "FREE", limits: { companyPerHour: 2_000 } });
  });
});

describe("Stripe webhooks: invoices and payments", () => {
  it("invoice.paid records the paid invoice and its payment once; a late payment_failed leaves it paid and mails nobody", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    const billing = `billing.${t.companyId.toLowerCase()}@acme.test`;
    await getDb().update(companies).set({ billingEmail: billing }).where(eq(companies.id, t.companyId));
    const sub = await subscribe(t, "PRO");
    const paid = await sendAndProcess({ event: "invoice.paid", invoiceId: sub.latest_invoice });
    // Stripe redelivers the same event: no second payment.
    expect((await send({ event: "invoice.paid", invoiceId: sub.latest_invoice, eventId: paid.eventId })).json.data).toMatchObject({
      duplicate: true,
    });
    const lateFailure = await sendAndProcess({ event: "invoice.payment_failed", invoiceId: sub.latest_invoice });

    const [inv] = await getDb().select().from(invoices).where(eq(invoices.stripeInvoiceId, sub.latest_invoice));
    expect(inv).toMatchObject({ companyId: t.companyId, status: "paid", amountDueCents: 9_900, amountPaidCents: 9_900 });
    expect(inv!.paidAt).not.toBeNull();
    const attempts = await getDb().select().from(payments).where(eq(payments.invoiceId, inv!.id));
    expect(attempts.map((p) => p.status).sort()).toEqual(["failed", "succeeded"]);
    // An email would have been queued before the row was marked processed: there is none, queued or moved.
    const jobId = `email-payment-failed-${lateFailure.id}`;
    const outbox = Object.values((await getRedis().xrange(jobKeys.outbox(), "-", "+")) ?? {}) as Array<{ jobId?: string }>;
    expect(outbox.filter((e) => e.jobId === jobId)).toEqual([]);
    const emails = inspectQueue("emails");
    expect(await emails.queue.getJob(jobId)).toBeUndefined();
    await emails.close();
    const { messages } = await fakeControl<{ messages: Array<{ to: string[] }> }>(h.fake.sendgrid, "GET", "/__fake/messages");
    expect(messages.filter((m) => m.to.includes(billing))).toEqual([]);
  });

  it("invoice.payment_failed on an open invoice keeps it open and emails the billing contact once; invoice.paid then settles it", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    const billing = `billing.${t.companyId.toLowerCase()}@globex.test`;
    await getDb().update(companies).set({ billingEmail: billing }).where(eq(companies.id, t.companyId));
    const sub = await subscribe(t, "PRO");
    const failed = await sendAndProcess({ event: "invoice.payment_failed", invoiceId: sub.latest_invoice });
    expect((await getDb().select().from(invoices).where(eq(invoices.stripeInvoiceId, sub.latest_invoice)))[0]).toMatchObject({
      status: "open",
      amountPaidCents: 0,
    });

    const mails = await waitFor(
      async () => {
        const { messages } = await fakeControl<{ messages: Array<{ to: string[]; subject: string; customArgs: Record<string, string> }> }>(
          h.fake.sendgrid,
          "GET",
          "/__fake/messages",
        );
        const mine = messages.filter((m) => m.to.includes(billing));
        return mine.length > 0 ? mine : undefined;
      },
      { what: "payment-failed email" },
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ subject: "Your Switchboard payment failed", customArgs: { sb_company_id: t.companyId } });
    // The failure event redelivered: no second email, no second payment row.
    expect(
      (await send({ event: "invoice.payment_failed", invoiceId: sub.latest_invoice, eventId: failed.eventId })).json.data,
    ).toMatchObject({ duplicate: true });

    await sendAndProcess({
      event: "invoice.paid",
      invoiceId: sub.latest_invoice,
      object: { amount_paid: 9_900, status_transitions: { paid_at: Math.floor(Date.now() / 1000) } },
    });
    const [inv] = await getDb().select().from(invoices).where(eq(invoices.stripeInvoiceId, sub.latest_invoice));
    expect(inv).toMatchObject({ status: "paid", amountPaidCents: 9_900 });
    expect((await getDb().select().from(payments).where(eq(payments.invoiceId, inv!.id))).map((p) => p.status).sort()).toEqual([
      "failed",
      "succeeded",
    ]);
  });
});

describe("Stripe webhooks: what is refused", () => {
  it("stale, tampered, forged, unsigned and replayed deliveries change nothing; unhandled types are acknowledged only", async () => {
    const t = await seedWebhookTenant({ tier: "FREE" });
    const { sessionId } = await createCheckout(t.companyId, "PRO");
    const before = await deliveryFootprint(h);
    const target = h.target("stripe");

    const stale = await send({ event: "checkout.session.completed", sessionId, signedAt: Math.floor(Date.now() / 1000) - 400 });
    expect(stale).toMatchObject({ status: 401, json: { error: { code: "unauthorized" } } });
    const good = await send({ event: "checkout.session.completed", sessionId }, capture.url);
    expect((await replay(target, good.sent, { body: good.sent.body.replace('"complete"', '"open"') })).status).toBe(401);
    const forged = await postStripeEvent(target, JSON.parse(good.sent.body) as object, { secret: "whsec_forger_000000000000" });
    expect(forged.status).toBe(401);
    const unsigned = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: good.sent.body });
    expect(unsigned.status).toBe(401);
    expect((await replay(target, good.sent, { headers: { "stripe-signature": "garbage" } })).status).toBe(400);
    const ignored = await postStripeEvent(target, stripeEvent("customer.created", { id: "cus_x", object: "customer" }));
    expect(ignored).toMatchObject({ status: 200, json: { data: { ignored: true } } });
    expect(await deliveryFootprint(h)).toEqual(before);
    expect(await company(t.companyId)).toMatchObject({ tier: "FREE", stripeSubscriptionId: null });

    // Delivered for real, then replayed by an attacker within the 300 s window: a duplicate, processed once.
    const real = await replay(target, good.sent);
    const row = await waitForWebhook(real.json.data!.id!);
    const afterFirst = await deliveryFootprint(h);
    expect(await replay(target, good.sent)).toMatchObject({ status: 200, json: { data: { duplicate: true, id: row.id } } });
    await new Promise((r) => setTimeout(r, 300));
    expect(await deliveryFootprint(h)).toEqual(afterFirst);
    expect(await webhookRow("stripe", row.eventId)).toMatchObject({ status: "processed", attempts: 1 });
    expect(await company(t.companyId)).toMatchObject({ tier: "PRO" });
  });
});
