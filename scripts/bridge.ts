/**
 * `tsx scripts/bridge.ts`: the Upstash-compatible REST bridge in front of the local Redis, for dev
 * and Docker. Configuration from the environment (lib/env/redis.ts, bridgeEnv): REDIS_URL (a password
 * percent-encoded: redis://:p%40ss@redis:6379/0), BRIDGE_PORT, BRIDGE_HOST, UPSTASH_REDIS_REST_TOKEN,
 * and BRIDGE_ACL_USER to have Redis itself confine scripts (see lib/redis/bridge/confinement.ts).
 */
import { bridgeEnv } from "@/lib/env/redis";
import { refuseUnsafeProduction } from "@/lib/env/refuse-unsafe-production";
import { AclSetupError, maskPassword, RedisUnreachableError, startBridge, type Bridge } from "@/lib/redis/bridge/server";

async function main(): Promise<void> {
  // In production its token must be the operator's own, not a published test value.
  refuseUnsafeProduction(["UPSTASH_REDIS_REST_TOKEN"]);
  const env = bridgeEnv();
  let bridge: Bridge;
  try {
    bridge = await startBridge({
      redisUrl: env.REDIS_URL,
      token: env.UPSTASH_REDIS_REST_TOKEN,
      port: env.BRIDGE_PORT,
      host: env.BRIDGE_HOST,
      aclUser: env.BRIDGE_ACL_USER,
      log: (line) => console.error(line),
    });
  } catch (err) {
    if (err instanceof RedisUnreachableError) {
      const hint = err.refusedByRedis
        ? "check the user, password and database in REDIS_URL"
        : "start it with: redis-server --daemonize yes (or docker run -d -p 6379:6379 redis:7.4.6)";
      console.error(`${err.message} — ${hint}`);
      process.exit(1);
    }
    if (err instanceof AclSetupError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  console.log(`Upstash REST bridge on ${bridge.url} → ${maskPassword(env.REDIS_URL)} (scripts: ${bridge.scriptGuard})`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second Ctrl-C means now
    stopping = true;
    console.log(`bridge: ${signal}, closing`);
    bridge.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`bridge: close failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  // Env problems (defineEnv) already read as one line; anything else keeps its stack.
  console.error(err instanceof Error && err.message.startsWith("Invalid ") ? err.message : err);
  process.exit(1);
});
