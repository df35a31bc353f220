import { describe, expect, it } from "vitest";
import { redisEnv } from "@/lib/env/redis";
import { runGateway } from "@/lib/gateway/pipeline";
import { getRedis } from "@/lib/redis/client";
import { edgeRequest, freshIp, ORIGIN, type Envelope } from "../helpers/gateway-requests";

const burstKey = (provider: string, ip: string, at: number) =>
  `${redisEnv().REDIS_KEY_PREFIX}rl:gb:wh:${provider}:${ip}:${Math.floor(at / 60_000)}`;

function delivery(provider: string, headers: Record<string, string>) {
  return new Request(`${ORIGIN}/api/webhooks/${provider}`, { method: "POST", headers: { "content-type": "application/json", ...headers } });
}

describe("webhooks at the edge: a size cap per vendor and layer 1 per vendor and IP", () => {
  it("refuses a declared body over the vendor's cap before the route reads it", async () => {
    for (const [provider, cap] of [
      ["stripe", 256 * 1024],
      ["calcom", 128 * 1024],
      ["sendgrid", 2 * 1024 * 1024],
      ["retell", 4 * 1024 * 1024],
    ] as const) {
      const over = await runGateway(delivery(provider, { "content-length": String(cap + 1), "x-forwarded-for": freshIp() }));
      const res = (over as { response: Response }).response;
      expect(res.status, provider).toBe(413);
      expect(((await res.json()) as Envelope).error.code).toBe("payload_too_large");
      expect((await runGateway(delivery(provider, { "content-length": String(cap), "x-forwarded-for": freshIp() }))).kind, provider).toBe(
        "forward",
      );
    }
  });

  it("counts deliveries per vendor and source IP, apart from the IP's anonymous budget, and refuses past the limit", async () => {
    const ip = freshIp();
    // No identity is asked of a vendor: a junk Authorization header is not a 401 here.
    const send = () => runGateway(delivery("retell", { "x-forwarded-for": ip, authorization: "Bearer junk" }));
    const first = await send();
    expect(first.kind).toBe("forward");
    const headers = (first as { responseHeaders: Headers }).responseHeaders;
    expect(headers.get("ratelimit-policy")).toBe('"global_burst";q=3000;w=60');
    expect(headers.get("x-ratelimit-remaining")).toBe("2999");
    // The same address's anonymous traffic still has its own, untouched 50 a minute.
    const anon = await runGateway(edgeRequest("/api/openapi.json", { headers: { "x-forwarded-for": ip } }));
    expect((anon as { responseHeaders: Headers }).responseHeaders.get("ratelimit")).toMatch(/^"global_burst";r=49;t=\d+$/);

    const now = Date.now();
    for (const at of [now, now + 60_000]) await getRedis().set(burstKey("retell", ip, at), 3000, { px: 120_000 });
    const limited = (await send()) as { response: Response };
    expect(limited.response.status).toBe(429);
    expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.response.json()) as Envelope).error.code).toBe("rate_limited");
    // Another address is not affected: a forger's budget is their own, never the vendor's.
    expect((await runGateway(delivery("retell", { "x-forwarded-for": freshIp() }))).kind).toBe("forward");
  });
});
