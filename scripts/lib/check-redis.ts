import { Redis } from "ioredis";

/** One PING over TCP with a short timeout; a clear line saying what to run when Redis is down. */
export async function checkRedis(url: string): Promise<{ ok: true } | { ok: false; line: string }> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return { ok: true };
  } catch {
    const where = new URL(url);
    return {
      ok: false,
      line: `Redis is not reachable at ${where.host} — start it with: redis-server --daemonize yes --bind 127.0.0.1 --port ${where.port || 6379} --save "" --appendonly no`,
    };
  } finally {
    client.disconnect();
  }
}
