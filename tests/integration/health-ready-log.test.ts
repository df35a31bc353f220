import { describe, expect, it, vi } from "vitest";

/** Lines the app logged (pino JSON, parsed), and the readiness the mocked probes report. */
const h = vi.hoisted(() => ({
  lines: [] as Array<{ level: string; msg: string }>,
  ready: { ok: false, checks: [{ name: "mysql", ok: false, latencyMs: 2000, reason: "timeout" }] } as {
    ok: boolean;
    checks: Array<{ name: string; ok: boolean; latencyMs: number; reason?: string }>;
  },
}));

vi.mock("@/lib/log/logger", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/log/logger")>();
  const pino = (await import("pino")).default;
  const root = pino(
    { level: "debug", formatters: { level: (label) => ({ level: label }) } },
    { write: (line: string) => void h.lines.push(JSON.parse(line) as { level: string; msg: string }) },
  );
  return { ...real, logger: () => root, requestLogger: (requestId: string, b = {}) => root.child({ requestId, ...b }) };
});
vi.mock("@/lib/health/check-ready", () => ({ checkReady: async () => structuredClone(h.ready) }));

const { GET } = await import("@/app/api/health/ready/route");

const probeAgain = () => delete (globalThis as { __switchboardReady?: unknown }).__switchboardReady;
const errors = () => h.lines.filter((l) => l.level === "error");

async function askReady(times: number): Promise<Response[]> {
  const out: Response[] = [];
  for (let i = 0; i < times; i++) {
    probeAgain(); // as if a second had passed: the probes run again
    out.push(await GET(new Request("http://localhost:3000/api/health/ready")));
  }
  return out;
}

describe("/api/health/ready during an outage", () => {
  it("answers 503 in the envelope with Retry-After every time, but logs one error per change of state", async () => {
    const answers = await askReady(6);
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      const body = (await res.json()) as { error: { code: string; requestId: string } };
      expect(body.error).toMatchObject({ code: "service_unavailable", requestId: res.headers.get("x-request-id") });
    }
    expect(errors().map((l) => l.msg)).toEqual(["not ready: mysql timeout"]);

    // The reason flipping mid-outage is no new state.
    h.ready.checks[0]!.reason = "unreachable";
    await askReady(3);
    expect(errors()).toHaveLength(1);

    // Another dependency going down is.
    h.ready.checks.push({ name: "redis", ok: false, latencyMs: 5, reason: "unreachable" });
    await askReady(3);
    expect(errors().map((l) => l.msg)).toEqual(["not ready: mysql timeout", "not ready: mysql unreachable, redis unreachable"]);
  });

  it("logs once (info) when everything is back, and once again at the next outage", async () => {
    h.ready = { ok: true, checks: [{ name: "mysql", ok: true, latencyMs: 1 }] };
    const [back] = await askReady(4);
    expect(back!.status).toBe(200);
    expect(h.lines.filter((l) => l.msg === "ready again")).toHaveLength(1);
    expect(h.lines.filter((l) => l.level === "info" && l.msg === "ready again")).toHaveLength(1);

    h.ready = { ok: false, checks: [{ name: "queue", ok: false, latencyMs: 1, reason: "no worker" }] };
    await askReady(4);
    expect(errors()).toHaveLength(3);
  });
});
