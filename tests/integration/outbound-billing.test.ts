import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { createCheckout } from "@/lib/services/billing/create-checkout";
import { createPortal } from "@/lib/services/billing/create-portal";
import { fakeRequests, fakeState } from "../helpers/fakes-control";
import { seedCompany } from "../helpers/seed-rows";
import { startWebhookHarness, type WebhookHarness } from "../helpers/webhook-harness";

let h: WebhookHarness;

beforeAll(async () => {
  h = await startWebhookHarness({ worker: false });
});
afterAll(async () => {
  await h.close();
});

const company = async (id: string) => (await getDb().select().from(companies).where(eq(companies.id, id)))[0]!;

describe("createCheckout and createPortal", () => {
  it("creates the customer and the session with idempotency keys named after the operation; a second click answers the same session", async () => {
    const id = await seedCompany({ tier: "FREE" });
    await getDb().update(companies).set({ billingEmail: "pay@acme.test" }).where(eq(companies.id, id));
    const first = await createCheckout(id, "ENTERPRISE");
    expect(first.url).toContain(first.sessionId);
    const { stripeCustomerId } = await company(id);
    expect(stripeCustomerId).toMatch(/^cus_/);

    const again = await createCheckout(id, "ENTERPRISE");
    expect(again).toEqual(first);
    const day = new Date().toISOString().slice(0, 10);
    const sessionPosts = (await fakeRequests(h.fake.stripe, "/v1/checkout/sessions")).filter(
      (r) => r.method === "POST" && (r.body as string).includes(id),
    );
    // The second click finds the company's open session for this tier at Stripe (a read): no second POST.
    expect(sessionPosts.map((r) => r.headers["idempotency-key"])).toEqual([`checkout:${id}:ENTERPRISE:${day}:none`]);
    const customerPosts = (await fakeRequests(h.fake.stripe, "/v1/customers")).filter((r) => (r.body as string).includes(id));
    expect(customerPosts).toHaveLength(1);
    expect(customerPosts[0]!.headers["idempotency-key"]).toMatch(new RegExp(`^customer:${id}:`));
    const { sessions } = await fakeState<{ sessions: Array<{ id: string; customer: string }> }>(h.fake.stripe);
    expect(sessions.filter((s) => s.customer === stripeCustomerId).map((s) => s.id)).toEqual([first.sessionId]);
  });

  it("the portal needs a Stripe customer (409 before the first checkout); a company with a subscription changes plan there, not at checkout", async () => {
    const id = await seedCompany({ tier: "FREE" });
    await expect(createPortal(id)).rejects.toMatchObject({ status: 409 });
    await createCheckout(id, "PRO");
    const portal = await createPortal(id, { returnUrl: "http://localhost:3000/billing" });
    expect(portal.url).toMatch(/\/p\/session\/bps_/);
    const portalPost = (await fakeRequests(h.fake.stripe, "/v1/billing_portal/sessions")).at(-1)!;
    expect(portalPost.headers["idempotency-key"]).toMatch(/^portal:cus_\w+:\d+$/);

    await getDb().update(companies).set({ stripeSubscriptionId: "sub_existing_1234" }).where(eq(companies.id, id));
    await expect(createCheckout(id, "UNLIMITED")).rejects.toMatchObject({ status: 409, code: "conflict" });
    await expect(createCheckout(await seedCompany({ tier: "FREE" }), "FREE" as never)).rejects.toBeInstanceOf(ZodError);
  });
});
