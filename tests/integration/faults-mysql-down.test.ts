import { eq, sql } from "drizzle-orm";
import { GET as OVERVIEW } from "@/app/api/v1/dashboard/overview/route";
import { cached } from "@/lib/cache/cached";
import { invalidate } from "@/lib/cache/invalidate";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db/client";
import { emailEvents } from "@/lib/db/schema/email-events";
import { webhookEvents } from "@/lib/db/schema/webhook-events";
import { createId } from "@/lib/ids/create-id";
import { createCalcomClient } from "@/lib/integrations/calcom";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { logger } from "@/lib/log/logger";
import { getRedis } from "@/lib/redis/client";
import { drainWebhookSpool } from "@/lib/webhooks/spool/drain-webhook-spool";
import { spoolDelivery } from "@/lib/webhooks/spool/spool-delivery";
import { spoolKeys } from "@/lib/webhooks/spool/spool-keys";
import { fakeSendWebhook, uniqueBreaker } from "../helpers/fakes-control";
import { startTcpCut, type TcpCut } from "../helpers/tcp-cut";
import { setupWebhookHarness } from "../helpers/webhook-fixture";
import { sendOneWebhook, waitForWebhook, type WebhookHarness } from "../helpers/webhook-harness";
import { replay } from "../helpers/webhook-server";
import { seedTenant } from "../helpers/seed-rows";
import { personCaller, signedRequest } from "../helpers/signed-request";
import { seedWebhookTenant } from "../helpers/webhook-tenants";

/**
 * "MySQL down, Redis up": this file's app code (routes and worker, in this process) reaches MariaDB
 * through a relay the test cuts and restores — the shared server is never stopped. Registered
 * before the webhook harness, so the harness's pool is opened through the relay.
 */
let relay: TcpCut;
beforeAll(async () => {
  const url = new URL(process.env.DATABASE_URL!);
  relay = await startTcpCut({ host: url.hostname, port: Number(url.port || 3306) });
  url.port = String(relay.port);
  url.hostname = "127.0.0.1";
  await closeDb();
  process.env.DATABASE_URL = url.toString();
});
afterAll(async () => {
  await relay?.close();
});

const harness = setupWebhookHarness();
let h: WebhookHarness;
beforeAll(() => {
  ({ h } = harness);
});

const log = logger().child({ test: "faults-mysql-down" });
const spoolSize = async () => (await getRedis().hlen(spoolKeys.ids())) as number;

/** A signed SendGrid batch of one event for the company, delivered by the fake to the platform URL. */
const sendEvent = (companyId: string, sgEventId: string) =>
  sendOneWebhook(h, "sendgrid", {
    events: [
      { email: "kim@patients.test", event: "delivered", sg_message_id: "m.spool", sg_event_id: sgEventId, sb_company_id: companyId },
    ],
  });

describe("MySQL down, Redis up: a verified webhook is never lost", () => {
  it("is kept in Redis while MySQL is unreachable, then recorded and processed exactly once", async () => {
    const t = await seedWebhookTenant();
    const sgEventId = `sg_${createId("emailEvent")}`;
    await relay.cut();
    let first: Awaited<ReturnType<typeof sendEvent>>;
    try {
      first = await sendEvent(t.companyId, sgEventId);
      expect(first.status, first.body).toBe(200);
      expect(first.json.data).toMatchObject({ received: true, duplicate: false, spooled: true });

      // The vendor's retry while MySQL is still down: the same delivery, answered with the same id.
      const retry = await replay(h.target("sendgrid"), first.sent);
      expect(retry.status).toBe(200);
      expect(retry.json.data).toMatchObject({ duplicate: true, spooled: true, id: first.json.data!.id });
      expect(await spoolSize()).toBe(1);

      // The drain finds MySQL still down: nothing recorded, nothing dropped.
      expect(await drainWebhookSpool(log)).toEqual({ recorded: 0, databaseDown: true });
      expect(await spoolSize()).toBe(1);
    } finally {
      await relay.restore();
    }
    const id = first.json.data!.id!;

    expect(await drainWebhookSpool(log)).toEqual({ recorded: 1, databaseDown: false });
    expect(await spoolSize()).toBe(0);
    expect(await getRedis().exists(spoolKeys.bytes())).toBe(0);
    // Recorded under the id the vendor was answered with, then processed by the worker like any delivery.
    expect(await waitForWebhook(id)).toMatchObject({ provider: "sendgrid", status: "processed" });
    const recorded = await getDb().select().from(emailEvents).where(eq(emailEvents.companyId, t.companyId));
    expect(recorded.map((r) => r.sgEventId)).toEqual([sgEventId]);

    // A later retry is an ordinary duplicate of the recorded row; a second drain finds nothing.
    const late = await replay(h.target("sendgrid"), first.sent);
    expect(late.json.data).toMatchObject({ duplicate: true, id, requeued: false });
    expect(late.json.data).not.toHaveProperty("spooled");
    expect(await drainWebhookSpool(log)).toEqual({ recorded: 0, databaseDown: false });
  });

  it("a drain that dies after recording and before forgetting records nothing twice", async () => {
    const t = await seedWebhookTenant();
    const sgEventId = `sg_${createId("emailEvent")}`;
    await relay.cut();
    let id: string;
    try {
      const first = await sendEvent(t.companyId, sgEventId);
      id = first.json.data!.id!;
    } finally {
      await relay.restore();
    }
    // Simulate the crash: the spool is copied aside, drained, and put back as it was.
    const field = ((await getRedis().hkeys(spoolKeys.ids())) as string[])[0]!;
    const saved = await getRedis().hget<unknown>(spoolKeys.deliveries(), field);
    expect(await drainWebhookSpool(log)).toMatchObject({ recorded: 1 });
    await waitForWebhook(id);
    await spoolDelivery(saved as Parameters<typeof spoolDelivery>[0]);
    expect(await spoolSize()).toBe(1);

    expect(await drainWebhookSpool(log)).toMatchObject({ recorded: 1, databaseDown: false });
    expect(await spoolSize()).toBe(0);
    const rows = await getDb().select().from(webhookEvents).where(eq(webhookEvents.id, id));
    expect(rows).toHaveLength(1);
    expect(await getDb().select().from(emailEvents).where(eq(emailEvents.companyId, t.companyId))).toHaveLength(1);
  });

  it("with the spool full the vendor gets 503 + Retry-After, and nothing is half-kept", async () => {
    const delivery = {
      id: createId("webhookEvent"),
      provider: "stripe" as const,
      eventId: `evt_full_${createId("webhookEvent")}`,
      eventType: "invoice.paid",
      companyId: null,
      payload: { filler: "x".repeat(2_000) },
      spooledAt: Date.now(),
    };
    expect(await spoolDelivery(delivery, 1_000)).toEqual({ spooled: false });
    expect(await spoolSize()).toBe(0);
  });

  it("Cal.com (which never retries): verified with the encrypted copy of the company's secret and spooled; with no copy yet, 503", async () => {
    const t = await seedWebhookTenant();
    const cal = createCalcomClient({ apiKey: LOCAL_DEFAULTS.calcomApiKey, baseUrl: h.fake.calcom, breakerName: uniqueBreaker("calcom") });
    const start = new Date(Date.now() + 40 * 86_400_000);
    start.setUTCHours(15, 0, 0, 0);
    const booking = await cal.createBooking({
      start: start.toISOString(),
      eventTypeId: 3001,
      attendee: { name: "Spool Test", email: `spool.${t.companyId.toLowerCase()}@patients.test`, timeZone: "UTC" },
      metadata: {},
    });
    const target = h.target("calcom", { company: t.companyId });
    const deliver = async (createdAt: string) => {
      const { deliveries } = await fakeSendWebhook(h.fake.calcom, { target, event: "BOOKING_CREATED", bookingUid: booking.uid, createdAt });
      const d = deliveries[0]!;
      return { status: d.status, json: JSON.parse(d.body || "null") as { data?: { id?: string; spooled?: boolean } } };
    };
    // A company never heard from while MySQL was up has no copy: refused, for a retry.
    const stranger = await seedWebhookTenant();
    await relay.cut();
    try {
      const { deliveries } = await fakeSendWebhook(h.fake.calcom, {
        target: h.target("calcom", { company: stranger.companyId }),
        event: "BOOKING_CREATED",
        bookingUid: booking.uid,
      });
      expect(deliveries[0]!.status).toBe(503);
    } finally {
      await relay.restore();
    }

    // One delivery while MySQL answers keeps the copy; the next, while it is cut, verifies with it.
    expect((await deliver(new Date(Date.now() - 60_000).toISOString())).status).toBe(200);
    await relay.cut();
    let id: string;
    try {
      const during = await deliver(new Date().toISOString());
      expect(during.status).toBe(200);
      expect(during.json.data).toMatchObject({ spooled: true });
      id = during.json.data!.id!;
    } finally {
      await relay.restore();
    }
    expect(await drainWebhookSpool(log)).toMatchObject({ recorded: 1 });
    expect(await waitForWebhook(id)).toMatchObject({ provider: "calcom", companyId: t.companyId, status: "processed" });
  });
});

describe("MySQL down, Redis up: cached reads keep answering", () => {
  it("the dashboard overview answers from its cache entry while MySQL is cut (the company's time zone is cached too)", async () => {
    const t = await seedTenant({ role: "owner" });
    const caller = personCaller({ userId: t.user.id, companyId: t.companyId, role: "owner", auth: "token" });
    const ask = async () => OVERVIEW(await signedRequest("/api/v1/dashboard/overview", { caller }));
    const first = await ask();
    expect(first.status).toBe(200);
    expect(first.headers.get("x-cache")).toBe("MISS");
    const body = await first.json();
    await relay.cut();
    try {
      const during = await ask();
      expect(during.status, await during.clone().text()).toBe(200);
      expect(during.headers.get("x-cache")).toBe("HIT");
      expect(await during.json()).toEqual(body);
    } finally {
      await relay.restore();
    }
  });

  it("past its stale window an entry still answers, marked STALE, when the loader cannot reach MySQL; never after an invalidation", async () => {
    const t = await seedTenant({ role: "owner" });
    const now = Date.now();
    const load = async () => {
      const [rows] = (await getDb().execute(sql`select 41 + 1 as n`)) as unknown as [Array<{ n: number }>];
      return { n: Number(rows[0]!.n) };
    };
    const input = { resource: "dashboard" as const, companyId: t.companyId, key: "faults:last-resort" };
    expect(await cached({ ...input, now }, load)).toMatchObject({ status: "MISS", value: { n: 42 } });
    // Ten minutes on: past the dashboard's 60 s + 60 s; MySQL answers, so the entry is simply rebuilt.
    expect(await cached({ ...input, now: now + 600_000 }, load)).toMatchObject({ status: "MISS", value: { n: 42 } });

    await relay.cut();
    try {
      // Twenty minutes on, MySQL unreachable: the last current entry answers, marked STALE.
      expect(await cached({ ...input, now: now + 1_200_000 }, load)).toMatchObject({ status: "STALE", value: { n: 42 } });
      // A loader error that is not "unreachable" is not hidden.
      await expect(cached({ ...input, now: now + 1_200_000 }, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
      // Once something invalidated the resource, the old entry is never served: the error stands.
      await invalidate({ resources: ["dashboard"] }, { companyId: t.companyId });
      await expect(cached({ ...input, now: now + 1_200_000 }, load)).rejects.toThrow();
    } finally {
      await relay.restore();
    }
  });
});
