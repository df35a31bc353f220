import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { errorForLog } from "@/lib/log/logger";
import { inCarriedTraces } from "@/lib/tracing/job-trace";
import { isJobName, JOBS, type QueueName } from "../definitions";
import { recordDeadLetter } from "../dead-letters";
import { jobKeys, OUTBOX_GROUP } from "../keys";
import { jobOptions } from "./job-options";

type StreamEntry = [id: string, fields: string[]];

export interface OutboxMoverOptions {
  /** A connection of its own: XREADGROUP BLOCK holds it. The mover closes it on stop. */
  connection: Redis;
  queues: Record<QueueName, Queue>;
  /** Unique per worker process. */
  consumer: string;
  backoffMs: number;
  log: Logger;
  /** How long one read blocks; also bounds how long stop() waits. */
  blockMs?: number;
  /** Entries another worker read but did not finish within this long are taken over (it died mid-move). */
  claimIdleMs?: number;
}

function fieldsOf(entry: StreamEntry): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < entry[1].length; i += 2) out[entry[1][i]!] = entry[1][i + 1]!;
  return out;
}

/**
 * Moves jobs the app enqueued over REST (outbox stream) into their BullMQ queues. Each worker process
 * is a consumer of one group, so an entry goes to one mover; it is acknowledged and deleted only after
 * BullMQ has the job. If a mover dies in between, another takes the entry over (XAUTOCLAIM) and adds it
 * again with the same job id, which BullMQ collapses into the existing job: moved at least once, run once.
 */
export function startOutboxMover(opts: OutboxMoverOptions): { stop(): Promise<void> } {
  const { connection: conn, log } = opts;
  const key = jobKeys.outbox();
  const blockMs = opts.blockMs ?? 1_000;
  const claimIdleMs = opts.claimIdleMs ?? 30_000;
  let stopped = false;

  async function ensureGroup() {
    try {
      await conn.call("XGROUP", "CREATE", key, OUTBOX_GROUP, "0", "MKSTREAM");
    } catch (err) {
      if (!String((err as Error).message).includes("BUSYGROUP")) throw err;
    }
  }

  async function move(entries: StreamEntry[]) {
    if (entries.length === 0) return;
    const byQueue = new Map<QueueName, Parameters<Queue["addBulk"]>[0]>();
    const dead: Array<Promise<unknown>> = [];
    for (const entry of entries) {
      const f = fieldsOf(entry);
      const name = f.name ?? "";
      const jobId = f.jobId || `outbox-${entry[0]}`;
      let payload: unknown = null;
      try {
        payload = JSON.parse(f.payload ?? "null");
      } catch {
        // reported below as an invalid payload
      }
      const parsed = isJobName(name) ? JOBS[name].payload.safeParse(payload) : null;
      if (!isJobName(name) || !parsed?.success) {
        // Enqueue validates, so this is an old or foreign entry: park it where an operator sees it.
        const reason = isJobName(name) ? "invalid payload" : `unknown job type ${name.slice(0, 64)}`;
        dead.push(
          recordDeadLetter({
            queue: isJobName(name) ? JOBS[name].queue : "default",
            jobId,
            name,
            payload,
            attemptsMade: 0,
            failedReason: reason,
            failedAt: Date.now(),
          }),
        );
        continue;
      }
      const queue = JOBS[name].queue;
      const list = byQueue.get(queue) ?? [];
      // The delay counts from the enqueue, not from the move.
      const delayMs = Math.max(0, (Number(f.delayMs) || 0) - Math.max(0, Date.now() - (Number(f.enqueuedAt) || Date.now())));
      list.push({ name, data: parsed.data, opts: jobOptions(name, jobId, opts.backoffMs, delayMs, f.trace) });
      byQueue.set(queue, list);
    }
    // Each queue's batch continues the traces its jobs carry (a span with the Redis calls that add them).
    const add = ([queue, jobs]: [QueueName, Parameters<Queue["addBulk"]>[0]]) =>
      inCarriedTraces(
        `outbox move ${queue}`,
        { "messaging.system": "bullmq", "messaging.destination.name": queue, "messaging.batch.message_count": jobs.length },
        jobs.map((j) => j.opts?.telemetry?.metadata),
        () => opts.queues[queue].addBulk(jobs),
      );
    await Promise.all([...[...byQueue].map(add), ...dead]);
    const ids = entries.map((e) => e[0]);
    await conn
      .pipeline()
      .xack(key, OUTBOX_GROUP, ...ids)
      .xdel(key, ...ids)
      .exec();
  }

  async function claimAbandoned() {
    let cursor = "0-0";
    do {
      const res = (await conn.call("XAUTOCLAIM", key, OUTBOX_GROUP, opts.consumer, String(claimIdleMs), cursor, "COUNT", "100")) as [
        string,
        Array<StreamEntry | null>,
      ];
      cursor = res[0];
      await move(res[1].filter((e): e is StreamEntry => Array.isArray(e) && Array.isArray(e[1])));
    } while (cursor !== "0-0" && !stopped);
  }

  const loop = (async () => {
    let lastClaim = 0;
    while (!stopped) {
      try {
        if (Date.now() - lastClaim >= Math.min(claimIdleMs, 10_000)) {
          await ensureGroup();
          await claimAbandoned();
          lastClaim = Date.now();
        }
        const res = (await conn.call(
          "XREADGROUP",
          "GROUP",
          OUTBOX_GROUP,
          opts.consumer,
          "COUNT",
          "100",
          "BLOCK",
          String(blockMs),
          "STREAMS",
          key,
          ">",
        )) as Array<[string, StreamEntry[]]> | null;
        if (res) for (const [, entries] of res) await move(entries);
      } catch (err) {
        if (stopped) break;
        const noGroup = String((err as Error).message).includes("NOGROUP");
        if (noGroup) lastClaim = 0;
        else log.warn({ ...errorForLog(err) }, "outbox move failed; retrying");
        await new Promise((r) => setTimeout(r, noGroup ? 0 : 1_000));
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
      // Tidy the group, but never drop entries this consumer still holds (DELCONSUMER would).
      try {
        const pending = (await conn.call("XPENDING", key, OUTBOX_GROUP, "-", "+", "1", opts.consumer)) as unknown[];
        if (pending.length === 0) await conn.call("XGROUP", "DELCONSUMER", key, OUTBOX_GROUP, opts.consumer);
      } catch {
        // the group is gone or Redis is down: nothing to tidy
      }
      conn.disconnect();
    },
  };
}
