import { context } from "@opentelemetry/api";
import { UnrecoverableError, WaitingError, type Job } from "bullmq";
import type { Logger } from "pino";
import { attemptsFor, isJobName, JOBS, type JobName, type QueueName } from "../definitions";
import type { JobHandler } from "../handler";
import { HANDLERS } from "../handlers";
import { jobParentContext } from "@/lib/tracing/job-trace";
import { inSpan } from "@/lib/tracing/tracer";

type Handlers = { [N in JobName]?: JobHandler<N> };

/**
 * The BullMQ processor of one queue: looks the job type up in the processor registry, validates the
 * payload, runs the handler with a context — and when the worker shuts down before the handler is done,
 * hands the job back to the queue (moveToWait, no attempt used) so another worker runs it.
 *
 * Each run is a span (`job <name>`, a no-op unless tracing is on), the child of the span that enqueued
 * the job when the job carries its request's trace context (lib/tracing/job-trace.ts).
 *
 * It declares BullMQ's third parameter (the abort signal), which is what makes BullMQ pass one.
 */
export function createProcessor(queue: QueueName, log: Logger, handlers: Handlers = HANDLERS) {
  return async (job: Job, token?: string, signal?: AbortSignal): Promise<unknown> => {
    const name = job.name;
    if (!isJobName(name) || JOBS[name].queue !== queue) throw new UnrecoverableError(`Unknown job type ${name} on queue ${queue}`);
    const handler = handlers[name] as JobHandler<JobName> | undefined;
    if (!handler) throw new UnrecoverableError(`No handler for job type ${name}`);
    const parsed = JOBS[name].payload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Invalid payload for job type ${name}`);

    const controller = new AbortController();
    const ctx = {
      jobId: job.id ?? "",
      queue,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? attemptsFor(name),
      signal: controller.signal,
      log: log.child({ jobId: job.id, job: name, attempt: job.attemptsMade + 1 }),
    };
    const attributes = { "switchboard.job.name": name, "switchboard.job.queue": queue, "switchboard.job.attempt": ctx.attempt };
    const run = context.with(jobParentContext(job.opts.telemetry?.metadata), () =>
      inSpan(`job ${name}`, attributes, () => handler(parsed.data as never, ctx)),
    );
    if (!signal) return run;

    let onAbort: () => void = () => undefined;
    const handedBack = new Promise<never>((_, reject) => {
      onAbort = () => {
        controller.abort(signal.reason);
        // Back to waiting without using an attempt; the handler's remaining work is abandoned.
        job.moveToWait(token).then(
          () => reject(new WaitingError()),
          (err: unknown) => reject(err instanceof Error ? err : new Error(String(err))),
        );
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    });
    // Once aborted, the handler's own outcome (often an AbortError) no longer decides: the job is handed back.
    const guarded = run.then(
      (value) => (controller.signal.aborted ? handedBack : value),
      (err: unknown) => {
        if (controller.signal.aborted) return handedBack;
        throw err;
      },
    );
    try {
      return await Promise.race([guarded, handedBack]);
    } finally {
      signal.removeEventListener("abort", onAbort);
      run.catch(() => undefined);
      handedBack.catch(() => undefined);
    }
  };
}
