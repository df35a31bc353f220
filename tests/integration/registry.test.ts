import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { serviceInstances } from "@/lib/db/schema/service-instances";
import { services } from "@/lib/db/schema/services";
import { forwardToService } from "@/lib/registry/forward-to-service";
import { ServiceUnavailableError } from "@/lib/registry/errors";
import { startRegistryHealthLoop } from "@/lib/registry/health-loop";
import { registerService } from "@/lib/registry/register-service";
import { getServiceConfig, isRemoteService, refreshRegistry } from "@/lib/registry/registry-config";
import { registrySnapshot } from "@/lib/registry/registry-snapshot";
import { runRegistryHealthChecks } from "@/lib/registry/run-health-checks";
import { BUSINESS_SERVICES } from "@/lib/registry/services";
import { waitFor } from "../helpers/jobs-wait";
import { startUpstream, type Upstream } from "../helpers/registry-upstreams";

const upstreams: Upstream[] = [];
const loops: Array<{ stop(): Promise<void> }> = [];
let seq = 0;
const serviceName = () => `svc-${Date.now().toString(36)}-${(seq++).toString(36)}`;

async function remoteService(count: number) {
  const ups = await Promise.all(Array.from({ length: count }, (_, i) => startUpstream(`u${i}`)));
  upstreams.push(...ups);
  const name = serviceName();
  await registerService({ name, version: "2.0.0", mode: "remote", urls: ups.map((u) => u.url) });
  return { name, ups };
}

const get = (path: string) =>
  new Request(`http://localhost:3000${path}`, { headers: { cookie: "session=secret", "x-gateway-context": "signed.ctx" } });

async function instanceHealth(name: string, url: string) {
  return (await registrySnapshot()).services.find((s) => s.name === name)?.instances.find((i) => i.url === url);
}

afterEach(async () => {
  await Promise.all(loops.splice(0).map((l) => l.stop()));
  await Promise.all(upstreams.splice(0).map((u) => u.kill()));
});

describe("the registry", () => {
  it("lists every business service in-process by default, and a declared service with its instances", async () => {
    const { name, ups } = await remoteService(2);
    const snapshot = await registrySnapshot();
    for (const svc of BUSINESS_SERVICES)
      expect(snapshot.services.find((s) => s.name === svc)).toMatchObject({ mode: "in_process", source: "default", instances: [] });
    expect(await isRemoteService("calls")).toBe(false);
    expect(await isRemoteService(name)).toBe(true);
    expect(snapshot.services.find((s) => s.name === name)).toMatchObject({
      version: "2.0.0",
      mode: "remote",
      source: "db",
      instances: ups.map((u) => ({ url: u.url, status: "unknown", source: "db" })).sort((a, b) => a.url.localeCompare(b.url)),
    });
  });

  it("takes SERVICE_<NAME>_URLS from env: that service becomes remote", async () => {
    const up = await startUpstream("env");
    upstreams.push(up);
    process.env.SERVICE_ENV_PROBE_URLS = `${up.url}/, not a url`;
    try {
      await refreshRegistry();
      expect(await getServiceConfig("env-probe")).toMatchObject({
        mode: "remote",
        source: "env",
        instances: [{ id: null, url: up.url, source: "env" }],
      });
    } finally {
      delete process.env.SERVICE_ENV_PROBE_URLS;
      await refreshRegistry();
    }
    expect(await getServiceConfig("env-probe")).toBeNull();
  });
});

describe("forwardToService", () => {
  it("spreads requests round robin over healthy instances and forwards path and query, not cookies", async () => {
    const { name, ups } = await remoteService(3);
    await runRegistryHealthChecks();
    for (let i = 0; i < 9; i++) {
      const res = await forwardToService(name, get(`/api/v1/calls?page=${i}`));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { path: string }).path).toBe(`/api/v1/calls?page=${i}`);
    }
    expect(ups.map((u) => u.hits)).toEqual([3, 3, 3]);
    expect(ups[0]!.seen[0]).toMatchObject({ method: "GET", context: "signed.ctx", cookie: null });
  });

  it("skips an instance killed within one health interval, and spreads over the rest", async () => {
    const { name, ups } = await remoteService(3);
    await runRegistryHealthChecks();
    const [dead, ...alive] = ups as [Upstream, Upstream, Upstream];
    await dead.kill();
    loops.push(startRegistryHealthLoop({ intervalMs: 100, timeoutMs: 500 }));
    const marked = await waitFor(
      async () => {
        const h = await instanceHealth(name, dead.url);
        return h?.status === "unhealthy" ? h : undefined;
      },
      { timeoutMs: 2_000, what: "killed instance marked unhealthy" },
    );
    expect(marked.lastError).toBe("tcp: ECONNREFUSED");
    expect(marked.consecutiveFailures).toBeGreaterThanOrEqual(1);
    // recorded for MySQL rows too
    const [row] = await getDb().select().from(serviceInstances).where(eq(serviceInstances.url, dead.url));
    expect(row).toMatchObject({ status: "unhealthy", lastError: "tcp: ECONNREFUSED" });

    for (let i = 0; i < 10; i++) expect((await forwardToService(name, get("/api/v1/calls"))).status).toBe(200);
    expect(dead.hits).toBe(0);
    expect(alive.map((u) => u.hits)).toEqual([5, 5]);
  });

  it("a failed call tries the next instance before any health check noticed, and marks it unhealthy for everyone", async () => {
    const { name, ups } = await remoteService(2);
    await runRegistryHealthChecks();
    await ups[0]!.kill();
    for (let i = 0; i < 4; i++) expect((await forwardToService(name, get("/x"))).status).toBe(200);
    expect(ups[1]!.hits).toBe(4);
    expect(await instanceHealth(name, ups[0]!.url)).toMatchObject({ status: "unhealthy", lastError: "forward: ECONNREFUSED" });
  });

  it("tries the next instance on 503 for a GET but never resends a POST", async () => {
    const { name, ups } = await remoteService(2);
    await runRegistryHealthChecks();
    for (const u of ups) u.status = 503;
    const gets = await forwardToService(name, get("/a"));
    expect(gets.status).toBe(503);
    expect(ups[0]!.hits + ups[1]!.hits).toBe(2);
    const post = await forwardToService(
      name,
      new Request("http://localhost:3000/a", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }),
    );
    expect(post.status).toBe(503);
    expect(ups[0]!.hits + ups[1]!.hits).toBe(3);
    expect(ups.flatMap((u) => u.seen).filter((s) => s.method === "POST")).toHaveLength(1);
  });

  it("all instances down: a typed 503 error with Retry-After, or the cached answer when the route has one", async () => {
    const { name, ups } = await remoteService(2);
    await Promise.all(ups.map((u) => u.kill()));
    await runRegistryHealthChecks();
    const err = await forwardToService(name, get("/calls")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 503,
      code: "service_unavailable",
      service: name,
      reason: "no healthy instance",
      headers: { "retry-after": "30" },
    });

    const cached = await forwardToService(name, get("/calls"), {
      fallback: async (e) => (e.service === name ? Response.json({ data: ["cached"] }, { headers: { "x-cache": "STALE" } }) : null),
    });
    expect(cached.status).toBe(200);
    expect(cached.headers.get("x-gateway-fallback")).toBe("cache");
    expect(await cached.json()).toEqual({ data: ["cached"] });
    // a fallback that has nothing still ends in the typed error
    await expect(forwardToService(name, get("/calls"), { fallback: async () => null })).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it("an instance that comes back is used again after the next round", async () => {
    const { name, ups } = await remoteService(1);
    const [only] = ups as [Upstream];
    await only.kill();
    await runRegistryHealthChecks();
    await expect(forwardToService(name, get("/x"))).rejects.toBeInstanceOf(ServiceUnavailableError);
    const revived = await startUpstream("revived");
    upstreams.push(revived);
    await registerService({ name, version: "2.0.1", mode: "remote", urls: [revived.url] });
    await runRegistryHealthChecks();
    expect((await forwardToService(name, get("/x"))).status).toBe(200);
    expect(revived.hits).toBe(1);
    const [svc] = await getDb().select().from(services).where(eq(services.name, name));
    expect(svc?.version).toBe("2.0.1");
  });
});
