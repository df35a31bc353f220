import { cached } from "@/lib/cache/cached";
import { invalidate, type InvalidationScope, type InvalidationTarget } from "@/lib/cache/invalidate";
import type { CacheResource } from "@/lib/cache/policy";
import { getRedis } from "@/lib/redis/client";
import { serveInstance } from "./cache-child-process";

/**
 * One more app instance for the cache tests. Its loader reads the "database" row from a Redis key
 * (`db`, standing in for MySQL, which both instances share) and counts its calls in `${db}:loads`.
 *
 *   read  {resource, companyId, userId?, key, now, db, delayMs?}      → {status, layer?, value}
 *   burst {…read, count}                                              → [{status, value}…]
 *   invalidate {target, scope}                                        → {resources}
 */
interface ReadArgs {
  resource: CacheResource;
  companyId: string;
  userId?: string;
  key: string;
  now: number;
  db: string;
  delayMs?: number;
}

async function read(args: ReadArgs) {
  const redis = getRedis();
  const { resource, companyId, userId, key, now } = args;
  const input = { resource, companyId, userId, key, now } as Parameters<typeof cached>[0];
  const out = await cached(input, async () => {
    await redis.incr(`${args.db}:loads`);
    if (args.delayMs) await new Promise((r) => setTimeout(r, args.delayMs));
    return { row: await redis.get<string>(args.db), by: process.pid };
  });
  return { status: out.status, layer: out.layer ?? null, value: out.value };
}

serveInstance({
  read: (args) => read(args as unknown as ReadArgs),
  burst: (args) => {
    const { count, ...rest } = args as unknown as ReadArgs & { count: number };
    return Promise.all(Array.from({ length: count }, () => read(rest)));
  },
  invalidate: (args) => invalidate(args.target as InvalidationTarget, args.scope as InvalidationScope),
});
