import { getRedis } from "@/lib/redis/client";
import { breakerKeys } from "./keys";
import { TIMELINE_CAP } from "./policy";
import type { BreakerTransition } from "./types";

/** A dependency's recorded transitions, newest first (at most the last 100). One Redis trip. */
export async function breakerTimeline(name: string, limit = TIMELINE_CAP): Promise<BreakerTransition[]> {
  const items = await getRedis().lrange<unknown>(breakerKeys.timeline(name), 0, Math.min(limit, TIMELINE_CAP) - 1);
  return items.map((item) => {
    // The client parses JSON replies itself unless automatic deserialization is off.
    const t = (typeof item === "string" ? JSON.parse(item) : item) as Record<string, unknown>;
    return { at: Number(t.at), from: String(t.from), to: String(t.to), cause: String(t.cause) } as BreakerTransition;
  });
}
