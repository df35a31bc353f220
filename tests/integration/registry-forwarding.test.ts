import { afterAll, describe, expect, it } from "vitest";
import { GET as listCalls } from "@/app/api/v1/calls/route";
import { registerService } from "@/lib/registry/register-service";
import { refreshRegistry } from "@/lib/registry/registry-config";
import { personCaller, signedRequest } from "../helpers/signed-request";
import { startUpstream, type Upstream } from "../helpers/registry-upstreams";

const upstreams: Upstream[] = [];

afterAll(async () => {
  // back to in-process for every other test file that shares this database and Redis
  await registerService({ name: "calls", version: "0.1.0", mode: "in_process", urls: [] });
  await refreshRegistry();
  await Promise.all(upstreams.map((u) => u.kill()));
});

describe("a business service pointed at remote instances", () => {
  it("has its route handlers forward, round robin, with the signed context and without the caller's cookie", async () => {
    const [a, b] = await Promise.all([startUpstream("a"), startUpstream("b")]);
    upstreams.push(a!, b!);
    await registerService({ name: "calls", version: "2.0.0", mode: "remote", urls: [a!.url, b!.url] });
    await refreshRegistry();

    const caller = personCaller({ userId: "usr_fwd", companyId: "co_fwd", role: "viewer" });
    const served = [];
    for (let i = 0; i < 4; i++) {
      const res = await listCalls(
        await signedRequest("/api/v1/calls?limit=5", { caller, headers: { cookie: "next-auth.session-token=secret" } }),
      );
      expect(res.status).toBe(200);
      served.push(((await res.json()) as { served: string }).served);
    }
    expect(served.sort()).toEqual(["a", "a", "b", "b"]);
    expect(a!.seen[0]).toMatchObject({ method: "GET", path: "/api/v1/calls?limit=5", cookie: null });
    expect(a!.seen[0]!.context).toBeTruthy();
  });

  it("still authorizes first: a caller without calls:read is refused here, not forwarded", async () => {
    const before = upstreams.reduce((n, u) => n + u.hits, 0);
    const res = await listCalls(
      await signedRequest("/api/v1/calls", { caller: { auth: "api_key", kid: "key_x", cid: "co_fwd", scopes: ["dashboard:read"] } }),
    );
    expect(res.status).toBe(403);
    expect(upstreams.reduce((n, u) => n + u.hits, 0)).toBe(before);
  });
});
