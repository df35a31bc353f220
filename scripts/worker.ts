import { loadLocalEnv } from "./lib/local-env";

// npm run worker — background jobs: a BullMQ worker per queue, the outbox mover, repeatable jobs.
// Start as many as the load needs (on any host that reaches MySQL and Redis); SIGTERM drains gracefully.
loadLocalEnv();
const { refuseUnsafeProduction } = await import("@/lib/env/refuse-unsafe-production");
refuseUnsafeProduction();
// Tracing as the Next server has it (off unless OTEL_EXPORTER_OTLP_ENDPOINT …): a job continues its request's trace.
const { tracingEnabled } = await import("@/lib/tracing/tracing-config");
if (tracingEnabled()) (await import("@/lib/tracing/register-tracing")).registerTracing();

function fail(line: string): never {
  console.error(`✖ ${line}`);
  process.exit(1);
}

async function checkRest(): Promise<string | null> {
  const { getRedis } = await import("@/lib/redis/client");
  const { withTimeout } = await import("@/lib/health/with-timeout");
  try {
    await withTimeout(getRedis().ping(), 3_000, "redis rest");
    return null;
  } catch {
    return `The Redis REST endpoint is not reachable at ${process.env.UPSTASH_REDIS_REST_URL ?? "UPSTASH_REDIS_REST_URL"} — start the app (npm run dev / npm start) or the bridge (npm run bridge) first`;
  }
}

try {
  const { dbEnv } = await import("@/lib/env/db");
  const { redisTcpEnv } = await import("@/lib/env/redis");
  const { checkDatabase } = await import("@/lib/db/check-database");
  // Loaded after tracing is registered: the ioredis instrumentation patches the module as it loads.
  const { checkRedis } = await import("./lib/check-redis");
  const { jobsEnv } = await import("@/lib/jobs/env");
  jobsEnv();
  const [db, redis] = await Promise.all([checkDatabase(dbEnv().DATABASE_URL), checkRedis(redisTcpEnv().REDIS_URL)]);
  if (!db.ok) fail(db.line);
  if (!redis.ok) fail(redis.line);
  const rest = await checkRest();
  if (rest) fail(rest);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

const { startWorker } = await import("@/lib/jobs/worker/start-worker");
const { closeDb } = await import("@/lib/db/client");
const worker = await startWorker();

let stoppingSince = 0;
const stop = (signal: NodeJS.Signals) => {
  if (stoppingSince) {
    // `npm run dev` delivers Ctrl+C and then the launcher's SIGTERM: only a later, deliberate signal forces the exit.
    if (Date.now() - stoppingSince < 3_000) return;
    console.error(`✖ ${signal} again: exiting now; unfinished jobs return to the queue when their lock expires`);
    process.exit(1);
  }
  stoppingSince = Date.now();
  void worker
    .close()
    .then(() => closeDb())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
