import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as unmatched, POST as unmatchedPost } from "@/app/api/[...unmatched]/route";
import { runGateway } from "@/lib/gateway/pipeline";
import { flushTestRedis } from "../helpers/bridge-fixture";
import { edgeRequest, sessionCookie, startCountingOrigin, tokenPair, type Envelope } from "../helpers/gateway-requests";
import { seedTenant } from "../helpers/seed-rows";

let internal: Awaited<ReturnType<typeof startCountingOrigin>>;
beforeAll(async () => {
  internal = await startCountingOrigin();
});
afterAll(async () => internal.close());

describe("a path that does not exist under /api, or a method it does not take", () => {
  it("answers 404 in the envelope for every kind of caller, before authentication (no miss path, so no MySQL read)", async () => {
    const { companyId, user } = await seedTenant({ role: "owner" });
    const { accessToken } = (await tokenPair(user.email, user.password, internal.origin)).data;
    await flushTestRedis(); // neither the key below nor the company is in Redis: a decision would reach MySQL
    const callers: Record<string, Record<string, string>> = {
      anonymous: {},
      session: { cookie: await sessionCookie({ userId: user.id, companyId, role: "owner" }) },
      bearer: { authorization: `Bearer ${accessToken}` },
      "API key": { authorization: `Bearer sb_live_${"Q".repeat(32)}` },
    };
    const before = internal.counter.resolves;
    for (const [who, headers] of Object.entries(callers)) {
      for (const path of ["/api/v1/nope", "/api/v1/calls/call_1/nope", "/api", "/api/v2/calls", "/api/webhooks/paypal"]) {
        const decision = await runGateway(edgeRequest(path, { headers }), { internalOrigin: internal.origin });
        expect(decision.kind, `${who} ${path}`).toBe("respond");
        const res = (decision as { response: Response }).response;
        expect(res.status, `${who} ${path}`).toBe(404);
        expect(res.headers.get("content-type")).toContain("application/json");
        const body = (await res.json()) as Envelope;
        expect(body.error).toMatchObject({ code: "not_found", requestId: res.headers.get("x-request-id") });
      }
    }
    expect(internal.counter.resolves).toBe(before);
  });

  it("answers 405 with Allow listing the route's methods, in the envelope", async () => {
    const decision = await runGateway(edgeRequest("/api/v1/api-keys", { method: "PUT", headers: { authorization: "Bearer sb_live_x" } }), {
      internalOrigin: internal.origin,
    });
    const res = (decision as { response: Response }).response;
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    expect(((await res.json()) as Envelope).error.code).toBe("method_not_allowed");

    const webhook = (await runGateway(edgeRequest("/api/webhooks/stripe"), { internalOrigin: internal.origin })) as { response: Response };
    expect(webhook.response.status).toBe(405);
    expect(webhook.response.headers.get("allow")).toBe("OPTIONS, POST");
  });

  it("behind the edge, the Node side answers any unknown /api path with the same envelope (never the sign-in page)", async () => {
    for (const [method, handler] of [
      ["GET", unmatched],
      ["POST", unmatchedPost],
    ] as const) {
      const res = await handler(edgeRequest("/api/v1/nope", { method }));
      expect(res.status).toBe(404);
      expect(((await res.json()) as Envelope).error.code).toBe("not_found");
    }
  });
});
