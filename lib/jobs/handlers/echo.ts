import { setTimeout as sleep } from "node:timers/promises";
import { getRedis } from "@/lib/redis/client";
import type { JobHandler } from "../handler";
import { jobKeys } from "../keys";

async function trace(name: string, entry: string) {
  const p = getRedis().pipeline();
  p.rpush(jobKeys.trace(name), entry);
  p.expire(jobKeys.trace(name), 3_600);
  await p.exec();
}

/** Diagnostics job: proves the pipeline end to end (enqueue → outbox → queue → worker), and its retries and shutdown. */
export const echo: JobHandler<"echo"> = async (payload, ctx) => {
  const tag = `${process.pid}:${ctx.attempt}`;
  if (payload.trace) await trace(payload.trace, `${tag}:start`);
  // Rejects when the worker hands the job back on shutdown, so nothing below runs twice.
  if (payload.sleepMs) await sleep(payload.sleepMs, undefined, { signal: ctx.signal });
  if (payload.failAttempts && ctx.attempt <= payload.failAttempts) {
    throw new Error(`echo: planned failure ${ctx.attempt} of ${payload.failAttempts}`);
  }
  if (payload.trace) await trace(payload.trace, `${tag}:done`);
  return { message: payload.message, attempt: ctx.attempt, pid: process.pid };
};
