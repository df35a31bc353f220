import { and, eq } from "drizzle-orm";
import { POST as CALCOM } from "@/app/api/webhooks/calcom/route";
import { POST as RETELL } from "@/app/api/webhooks/retell/route";
import { POST as SENDGRID } from "@/app/api/webhooks/sendgrid/route";
import { POST as STRIPE } from "@/app/api/webhooks/stripe/route";
import { startFakes, type Fakes } from "@/fakes";
import { cacheKeys } from "@/lib/cache/keys";
import type { CacheResource } from "@/lib/cache/policy";
import { closeDb, getDb } from "@/lib/db/client";
import { webhookEvents, type WebhookEvent, type WebhookProvider } from "@/lib/db/schema/webhook-events";
import type { Vendor } from "@/lib/integrations/http/vendor-error";
import { jobKeys } from "@/lib/jobs/keys";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker/start-worker";
import { getRedis } from "@/lib/redis/client";
import { fakeSendWebhook } from "./fakes-control";
import { inspectQueue } from "./jobs-queue";
import { waitFor } from "./jobs-wait";
import { startRouteServer, type WebhookAnswer } from "./webhook-server";

const ENV_URL: Record<Vendor, string> = {
  retell: "RETELL_API_URL",
  calcom: "CALCOM_API_URL",
  stripe: "STRIPE_API_URL",
  sendgrid: "SENDGRID_API_URL",
};

export interface WebhookHarness {
  fakes: Fakes;
  /** Base URL of each fake. */
  fake: Record<Vendor, string>;
  /** Where a vendor's webhooks go: our route behind a real HTTP server. */
  target(vendor: Vendor, query?: Record<string, string>): string;
  worker: RunningWorker | null;
  webhooksQueue: ReturnType<typeof inspectQueue>;
  close(): Promise<void>;
}

/**
 * Everything a webhook test needs, in this process: the four vendor fakes on free ports (the app's
 * clients pointed at them — this must run before anything reads the integrations env), the four
 * webhook routes behind an HTTP server the fakes deliver to, and a worker for the webhooks and
 * emails queues (short backoff, so retries take milliseconds).
 */
export async function startWebhookHarness(opts: { worker?: boolean } = {}): Promise<WebhookHarness> {
  const fakes = await startFakes({ ports: { retell: 0, calcom: 0, stripe: 0, sendgrid: 0 } });
  for (const [vendor, url] of Object.entries(fakes.urls) as Array<[Vendor, string]>) process.env[ENV_URL[vendor]] = url;
  const server = await startRouteServer({
    "/api/webhooks/retell": RETELL,
    "/api/webhooks/calcom": CALCOM,
    "/api/webhooks/stripe": STRIPE,
    "/api/webhooks/sendgrid": SENDGRID,
  });
  const worker =
    opts.worker === false
      ? null
      : await startWorker({ queues: ["webhooks", "emails"], schedules: false, backoffMs: 20, outboxBlockMs: 100, heartbeatMs: 1_000 });
  const webhooksQueue = inspectQueue("webhooks");
  return {
    fakes,
    fake: fakes.urls as Record<Vendor, string>,
    target: (vendor, query) => `${server.url}/api/webhooks/${vendor}${query ? `?${new URLSearchParams(query)}` : ""}`,
    worker,
    webhooksQueue,
    async close() {
      await worker?.close();
      await webhooksQueue.close();
      await server.close();
      await fakes.close();
      await closeDb();
    },
  };
}

/** Has `vendor`'s fake deliver one webhook built from `body` to `target` (our route by default); the delivery, with our answer parsed. */
export async function sendOneWebhook(h: WebhookHarness, vendor: Vendor, body: Record<string, unknown>, target = h.target(vendor)) {
  const { deliveries } = await fakeSendWebhook(h.fake[vendor], { target, ...body });
  const d = deliveries[0]!;
  return { ...d, json: JSON.parse(d.body || "null") as WebhookAnswer };
}

export async function webhookRow(provider: WebhookProvider, eventId: string): Promise<WebhookEvent | undefined> {
  const [row] = await getDb()
    .select()
    .from(webhookEvents)
    .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.eventId, eventId)))
    .limit(1);
  return row;
}

export async function webhookRowById(id: string): Promise<WebhookEvent | undefined> {
  const [row] = await getDb().select().from(webhookEvents).where(eq(webhookEvents.id, id)).limit(1);
  return row;
}

/** Waits until the delivery recorded as `id` reaches `status` (processed by default). */
export function waitForWebhook(id: string, status: WebhookEvent["status"] = "processed", timeoutMs = 15_000): Promise<WebhookEvent> {
  return waitFor(
    async () => {
      const row = await webhookRowById(id);
      return row?.status === status ? row : undefined;
    },
    { timeoutMs, what: `webhook ${id} ${status}` },
  );
}

/** Rows in webhook_events (all providers), jobs the webhooks queue ever held, and the outbox: what a refused delivery must not change. */
export async function deliveryFootprint(h: WebhookHarness): Promise<{ rows: number; jobs: number; outbox: number }> {
  const rows = (await getDb().select({ id: webhookEvents.id }).from(webhookEvents)).length;
  const counts = await h.webhooksQueue.queue.getJobCounts("waiting", "active", "delayed", "completed", "failed", "prioritized", "paused");
  const jobs = Object.values(counts).reduce((a, b) => a + b, 0);
  return { rows, jobs, outbox: await getRedis().xlen(jobKeys.outbox()) };
}

/** The current version of a company's cached resource: it changes whenever an event invalidates it. */
export async function cacheVersion(companyId: string, resource: CacheResource): Promise<string | null> {
  const v = await getRedis().get<string | number>(cacheKeys.companyVersion(companyId, resource));
  return v === null ? null : String(v);
}
