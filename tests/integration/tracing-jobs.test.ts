// First: the instrumentation must patch mysql2 before lib/db loads it.
import { finishedSpans, spanExporter, tracerProvider } from "../helpers/tracing-fixture";
import { afterAll, describe, expect, it } from "vitest";
import { POST as EXPORT } from "@/app/api/v1/calls/export/route";
import { enqueue } from "@/lib/jobs/enqueue";
import { jobKeys } from "@/lib/jobs/keys";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker/start-worker";
import { getRedis } from "@/lib/redis/client";
import { inCarriedTraces, jobParentContext, traceCarrier } from "@/lib/tracing/job-trace";
import { inSpan } from "@/lib/tracing/tracer";
import { trace } from "@opentelemetry/api";
import { setupDemoApi } from "../helpers/demo-fixture";
import { waitFor } from "../helpers/jobs-wait";
import { signedRequest } from "../helpers/signed-request";

const demo = setupDemoApi();
let worker: RunningWorker | undefined;

afterAll(async () => {
  await worker?.close();
  await tracerProvider.shutdown();
});

describe("a job a request enqueues continues the request's trace in the worker", () => {
  it("POST /api/v1/calls/export → the export job's span is in the request's trace, a child of the request's span", async () => {
    spanExporter.reset();
    const res = await EXPORT(await signedRequest("/api/v1/calls/export", { method: "POST", caller: demo.owner, body: {} }));
    expect(res.status).toBe(202);
    const requestSpan = (await finishedSpans()).find((s) => s.attributes["switchboard.request_id"] === res.headers.get("x-request-id"));
    expect(requestSpan).toBeDefined();

    worker = await startWorker({ queues: ["exports"], schedules: false, backoffMs: 20, heartbeatMs: 200, outboxBlockMs: 100 });
    const job = await waitFor(async () => (await finishedSpans()).find((s) => s.name === "job export"), {
      what: "the export job's span",
      timeoutMs: 20_000,
    });
    expect(job.spanContext().traceId).toBe(requestSpan!.spanContext().traceId);
    expect(job.parentSpanContext?.spanId).toBe(requestSpan!.spanContext().spanId);
    expect(job.parentSpanContext?.isRemote).toBe(true);
    expect(job.attributes).toEqual({ "switchboard.job.name": "export", "switchboard.job.queue": "exports", "switchboard.job.attempt": 1 });
    // The outbox mover handed it to BullMQ inside the same trace: its span, and under it the ioredis calls.
    const spans = await finishedSpans();
    const move = spans.find((s) => s.name === "outbox move exports");
    expect(move).toBeDefined();
    expect(move!.spanContext().traceId).toBe(requestSpan!.spanContext().traceId);
    expect(move!.parentSpanContext?.spanId).toBe(requestSpan!.spanContext().spanId);
    expect(move!.attributes).toMatchObject({ "messaging.system": "bullmq", "messaging.destination.name": "exports" });
    const redisCalls = spans.filter((s) => s.parentSpanContext?.spanId === move!.spanContext().spanId);
    expect(redisCalls.length).toBeGreaterThan(0);
    for (const call of redisCalls) {
      expect(call.attributes["db.system.name"]).toBe("redis");
      // The command's name only: no key (they hold company ids), no argument.
      expect(call.attributes["db.query.text"]).toMatch(/^[A-Z]+$/);
    }
    // The job's own SQL (reading the calls, updating the export) is under the job's span.
    const jobSql = (await finishedSpans()).filter((s) => s.parentSpanContext?.spanId === job.spanContext().spanId);
    expect(jobSql.length).toBeGreaterThan(0);
    await worker.close();
    worker = undefined;
  });

  it("the outbox entry carries only a W3C traceparent, and nothing when no span is recording", async () => {
    const redis = getRedis();
    await redis.del(jobKeys.outbox());
    await enqueue("echo", { message: "untraced" });
    const traced = await inSpan("probe", {}, async (span) => {
      await enqueue("echo", { message: "traced" });
      return span.spanContext();
    });
    const entries = (await redis.xrange(jobKeys.outbox(), "-", "+")) as Record<string, Record<string, unknown>>;
    const fields = Object.values(entries);
    expect(fields).toHaveLength(2);
    expect(fields[0]).not.toHaveProperty("trace");
    // (The REST client parses a JSON field on read.)
    expect(fields[1]!.trace).toEqual({ traceparent: `00-${traced.traceId}-${traced.spanId}-01` });
    await redis.del(jobKeys.outbox());
  });

  it("a batch of jobs from several traces: the move's span continues the first sampled one and links the others once", async () => {
    spanExporter.reset();
    const carrier = (traceId: string, spanId: string, flags: string) => JSON.stringify({ traceparent: `00-${traceId}-${spanId}-${flags}` });
    const unsampled = carrier("1".repeat(32), "a".repeat(16), "00");
    const sampled = carrier("2".repeat(32), "b".repeat(16), "01");
    const answer = await inCarriedTraces("outbox move default", {}, [unsampled, "not json", sampled, sampled, undefined], async () => 42);
    expect(answer).toBe(42);
    const move = (await finishedSpans()).find((s) => s.name === "outbox move default")!;
    expect(move.spanContext().traceId).toBe("2".repeat(32));
    expect(move.parentSpanContext?.spanId).toBe("b".repeat(16));
    expect(move.links.map((l) => l.context.spanId)).toEqual(["a".repeat(16)]);
    // Nothing carries a trace: no span, the work only.
    spanExporter.reset();
    expect(await inCarriedTraces("outbox move default", {}, [undefined, "[]"], async () => "done")).toBe("done");
    expect((await finishedSpans()).filter((s) => s.name === "outbox move default")).toEqual([]);
  });

  it("a malformed carrier starts a fresh trace instead of failing the job", () => {
    for (const bad of [
      undefined,
      "",
      "not json",
      "[]",
      JSON.stringify({ traceparent: 42 }),
      JSON.stringify({ traceparent: "00-zz-yy-01" }),
    ]) {
      expect(trace.getSpanContext(jobParentContext(bad))).toBeUndefined();
    }
    expect(traceCarrier()).toBeUndefined();
  });
});
