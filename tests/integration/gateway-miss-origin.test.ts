import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as listKeys } from "@/app/api/v1/api-keys/route";
import { runGateway } from "@/lib/gateway/pipeline";
import { flushTestRedis } from "../helpers/bridge-fixture";
import { throughGateway } from "../helpers/gateway-harness";
import { edgeRequest, startCountingOrigin, tokenPair } from "../helpers/gateway-requests";
import { seedTenant } from "../helpers/seed-rows";

const CONFIG = ["INTERNAL_APP_URL", "APP_URL", "NEXTAUTH_URL"] as const;
const saved: Record<string, string | undefined> = {};
let internal: Awaited<ReturnType<typeof startCountingOrigin>>;
let evil: Server;
let evilHits = 0;

beforeAll(async () => {
  internal = await startCountingOrigin();
  // Plays the host a client names in its Host header: it answers like the resolve route would.
  evil = createServer((_, res) => {
    evilHits++;
    res.writeHead(200, { "content-type": "application/json" }).end('{"data":{"found":true}}');
  });
  await new Promise<void>((r) => evil.listen(0, "127.0.0.1", r));
  for (const k of CONFIG) saved[k] = process.env[k];
});
afterEach(() => {
  for (const k of CONFIG) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});
afterAll(async () => {
  await internal.close();
  await new Promise<void>((r) => evil.close(() => r()));
});

describe("the miss path's origin comes from configuration, never from the Host header", () => {
  it("with nothing configured, a miss fails closed (503) and nothing is posted to the spoofed host; configured, it goes there", async () => {
    const { user } = await seedTenant({ role: "owner" });
    const { accessToken } = (await tokenPair(user.email, user.password, internal.origin)).data;
    await flushTestRedis(); // the company record is gone: the next decision is a miss
    for (const k of CONFIG) delete process.env[k];
    const spoofed = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    const request = () => edgeRequest("/api/v1/api-keys", { base: spoofed, headers: { authorization: `Bearer ${accessToken}` } });

    const decision = await runGateway(request());
    expect(decision.kind).toBe("respond");
    const res = (decision as { response: Response }).response;
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(evilHits).toBe(0);

    process.env.APP_URL = internal.origin;
    const before = internal.counter.resolves;
    const ok = await throughGateway(request(), listKeys);
    expect(ok.status).toBe(200);
    expect(internal.counter.resolves).toBeGreaterThan(before);
    expect(evilHits).toBe(0);
  });
});
