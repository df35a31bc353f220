import { Redis } from "ioredis";
import { redisTcpEnv } from "@/lib/env/redis";

/**
 * A TCP connection for BullMQ (workers only: the Next app reaches Redis over REST). BullMQ requires
 * `maxRetriesPerRequest: null` so its blocking commands wait out a reconnect instead of failing.
 */
export function tcpConnection(name: string): Redis {
  const conn = new Redis(redisTcpEnv().REDIS_URL, { maxRetriesPerRequest: null, connectionName: `switchboard-${name}` });
  // Connection errors surface through the commands that need the connection; this only stops Node from crashing on them.
  conn.on("error", () => undefined);
  return conn;
}
