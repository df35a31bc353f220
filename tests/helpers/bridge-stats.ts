/** Reads the test bridge's counters (requests = HTTP round trips the app made to Redis). */
export async function bridgeStats(): Promise<{ requests: number; commands: number }> {
  const res = await fetch(`${process.env.UPSTASH_REDIS_REST_URL}/__bridge/stats`, {
    headers: { authorization: `Bearer ${process.env.UPSTASH_REDIS_REST_TOKEN}` },
  });
  const body = (await res.json()) as { result?: { requests: number; commands: number } } & { requests?: number; commands?: number };
  return (body.result ?? body) as { requests: number; commands: number };
}
