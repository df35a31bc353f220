import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toApiError } from "@/lib/api/handle-api-error";
import { breakerStates } from "@/lib/breaker/breaker-states";
import { breakerTimeline } from "@/lib/breaker/breaker-timeline";
import { BreakerOpenError, BreakerTimeoutError } from "@/lib/breaker/errors";
import { markFallback } from "@/lib/breaker/mark-fallback";
import { withBreaker, type BreakerOptions } from "@/lib/breaker/with-breaker";
import { startInstance, type Instance } from "../helpers/cache-child-process";
import { bridgeStats } from "../helpers/bridge-stats";

// Time is injected: a test moves `t` instead of sleeping through windows and open periods.
const T0 = Date.UTC(2026, 10, 21, 10, 30, 0);
const MIN = 60_000;
let seq = 0;
const unique = (p: string) => `${p}_${Date.now().toString(36)}${(seq++).toString(36)}`;

/** A fake dependency that counts how often it was really called. */
function dependency() {
  const dep = { calls: 0, fail: true };
  const fn = async () => {
    dep.calls++;
    if (dep.fail) throw new Error("upstream answered 500");
    return "live";
  };
  return { dep, fn };
}

async function failTimes(name: string, times: number, at: (i: number) => number, opts: BreakerOptions<string> = {}) {
  const { fn } = dependency();
  for (let i = 0; i < times; i++) {
    await expect(withBreaker(name, fn, { ...opts, clock: () => at(i) })).rejects.toThrow("upstream answered 500");
  }
}

async function openBreaker(name: string, at = T0) {
  await failTimes(name, 5, () => at);
}

let instances: Instance[] = [];

beforeAll(async () => {
  instances = await Promise.all([startInstance("tests/helpers/breaker-instance.ts"), startInstance("tests/helpers/breaker-instance.ts")]);
});

afterAll(async () => {
  await Promise.all(instances.map((i) => i.close()));
});

describe("closed → open", () => {
  it("opens after 5 failures within 5 minutes, then fails fast without calling the dependency", async () => {
    const name = unique("dep");
    await failTimes(name, 4, (i) => T0 + i * MIN);
    expect((await breakerStates(T0 + 4 * MIN)).find((s) => s.name === name)).toMatchObject({ state: "closed", failuresInWindow: 4 });

    await failTimes(name, 1, () => T0 + 4 * MIN + 59_000);
    const { dep, fn } = dependency();
    const refused = await withBreaker(name, fn, { clock: () => T0 + 5 * MIN }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BreakerOpenError);
    expect(dep.calls).toBe(0);

    // handlers need no mapping: it is an ApiError (503, Retry-After in seconds)
    const api = toApiError(refused);
    expect(api.status).toBe(503);
    expect(api.code).toBe("service_unavailable");
    expect(api.headers?.["retry-after"]).toBe("59");
  });

  it("does not open after 5 failures spread over 6 minutes", async () => {
    const name = unique("dep");
    await failTimes(name, 5, (i) => T0 + i * 90_000); // 0, 1.5, 3, 4.5, 6 minutes
    const { dep, fn } = dependency();
    dep.fail = false;
    expect(await withBreaker(name, fn, { clock: () => T0 + 6 * MIN + 1 })).toEqual({ value: "live", fallback: false });
    expect(dep.calls).toBe(1);
    expect((await breakerStates(T0 + 6 * MIN + 1)).find((s) => s.name === name)).toMatchObject({ state: "closed", failuresInWindow: 4 });
  });

  it("errors the policy does not count (a card decline) leave it closed", async () => {
    const name = unique("dep");
    const decline = Object.assign(new Error("card_declined"), { status: 402 });
    const isFailure = (err: unknown) => (err as { status?: number }).status !== 402;
    for (let i = 0; i < 6; i++) {
      await expect(withBreaker(name, async () => Promise.reject(decline), { isFailure, clock: () => T0 })).rejects.toBe(decline);
    }
    expect(await withBreaker(name, async () => "live", { clock: () => T0 })).toEqual({ value: "live", fallback: false });
  });

  it("a call past its timeout is abandoned, aborted and counted as a failure", async () => {
    const name = unique("dep");
    let aborted = 0;
    const hang = (signal: AbortSignal) =>
      new Promise<string>(() => {
        signal.addEventListener("abort", () => aborted++);
      });
    for (let i = 0; i < 5; i++) {
      const err = await withBreaker(name, hang, { policy: { timeoutMs: 20 }, clock: () => T0 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BreakerTimeoutError);
      expect(toApiError(err).status).toBe(504);
    }
    expect(aborted).toBe(5);
    await expect(withBreaker(name, async () => "live", { clock: () => T0 })).rejects.toBeInstanceOf(BreakerOpenError);
    expect((await breakerTimeline(name))[0]).toMatchObject({ from: "closed", to: "open", cause: expect.stringContaining("timeout") });
  });
});

describe("fallback", () => {
  it("answers from the fallback while open, marked on the response", async () => {
    const name = unique("dep");
    await openBreaker(name);
    const { dep, fn } = dependency();
    const result = await withBreaker(name, fn, { clock: () => T0 + 1000, fallback: (reason) => `cached (${reason})` });
    expect(result).toEqual({ value: "cached (open)", fallback: true, reason: "open" });
    expect(dep.calls).toBe(0);
    const res = markFallback(Response.json({ data: result.value }), name);
    expect(res.headers.get("x-gateway-fallback")).toBe(name);
  });

  it("answers from the fallback when the call itself fails, and still counts the failure", async () => {
    const name = unique("dep");
    const { dep, fn } = dependency();
    for (let i = 0; i < 5; i++) {
      expect(await withBreaker(name, fn, { clock: () => T0, fallback: () => "static" })).toEqual({
        value: "static",
        fallback: true,
        reason: "failure",
      });
    }
    expect(dep.calls).toBe(5);
    expect((await breakerStates(T0)).find((s) => s.name === name)?.state).toBe("open");
  });
});

describe("half-open", () => {
  it("admits exactly one probe among 20 concurrent callers; its success closes the breaker", async () => {
    const name = unique("dep");
    await openBreaker(name);
    const at = T0 + 60_000; // the default open period is over
    expect((await breakerStates(at)).find((s) => s.name === name)?.state).toBe("half_open");

    let calls = 0;
    const slow = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 100));
      return "live";
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => withBreaker(name, slow, { clock: () => at, fallback: (reason) => `fallback:${reason}` })),
    );
    expect(calls).toBe(1);
    expect(results.filter((r) => !r.fallback)).toHaveLength(1);
    expect(results.filter((r) => r.fallback && r.reason === "half_open")).toHaveLength(19);

    expect(await withBreaker(name, async () => "after", { clock: () => at + 1 })).toEqual({ value: "after", fallback: false });
    expect((await breakerTimeline(name)).map((t) => `${t.from}→${t.to}`)).toEqual(["half_open→closed", "open→half_open", "closed→open"]);
  });

  it("a failed probe reopens it for another open period", async () => {
    const name = unique("dep");
    await openBreaker(name);
    const { dep, fn } = dependency();
    await expect(withBreaker(name, fn, { clock: () => T0 + 60_000 })).rejects.toThrow("upstream answered 500");
    expect(dep.calls).toBe(1);
    const err = await withBreaker(name, fn, { clock: () => T0 + 119_999 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BreakerOpenError);
    expect((err as BreakerOpenError).retryAfterSec).toBe(1);
    expect(dep.calls).toBe(1);
    const [latest] = await breakerTimeline(name);
    expect(latest).toMatchObject({ at: T0 + 60_000, from: "half_open", to: "open", cause: "probe failed: Error: upstream answered 500" });
  });

  it("a probe that never reports frees its slot after its lease (timeout + 1 s)", async () => {
    const name = unique("dep");
    const policy = { timeoutMs: 5_000 };
    await openBreaker(name);
    const at = T0 + 60_000;
    // take the slot and "crash": the probe never answers within this test
    let probing: () => void = () => {};
    const admitted = new Promise<void>((r) => (probing = r));
    const lost = withBreaker(name, () => (probing(), new Promise<string>(() => {})), { clock: () => at, policy: { timeoutMs: 1_500 } });
    void lost.catch(() => undefined);
    await admitted;
    await expect(withBreaker(name, async () => "x", { clock: () => at + 1000, policy })).rejects.toBeInstanceOf(BreakerOpenError);
    expect(await withBreaker(name, async () => "probe 2", { clock: () => at + 61_001, policy })).toEqual({
      value: "probe 2",
      fallback: false,
    });
  });

  it("uses each dependency's open period (stripe: 30 s)", async () => {
    await openBreaker("stripe");
    await expect(withBreaker("stripe", async () => "x", { clock: () => T0 + 29_999 })).rejects.toBeInstanceOf(BreakerOpenError);
    expect(await withBreaker("stripe", async () => "x", { clock: () => T0 + 30_000 })).toEqual({ value: "x", fallback: false });
    const snapshot = (await breakerStates(T0 + 30_000)).find((s) => s.name === "stripe");
    expect(snapshot).toMatchObject({ state: "closed", policy: { openSec: 30, failureThreshold: 5 } });
  });
});

describe("shared by all instances", () => {
  it("a breaker opened here fails fast in another process", async () => {
    const name = unique("dep");
    await openBreaker(name);
    const out = await instances[0]!.call<{ fnCalls: number; results: string[] }>("burst", {
      name,
      count: 3,
      now: T0 + 1000,
      outcome: "ok",
      delayMs: 0,
    });
    expect(out).toEqual({ fnCalls: 0, results: ["refused", "refused", "refused"] });
  });

  it("one probe across two processes with 10 concurrent callers each, then closed everywhere", async () => {
    const name = unique("dep");
    await openBreaker(name);
    const args = { name, count: 10, now: T0 + 60_000, outcome: "ok", delayMs: 150, withFallback: true };
    const [a, b] = await Promise.all(instances.map((i) => i.call<{ fnCalls: number; results: string[] }>("burst", args)));
    expect(a!.fnCalls + b!.fnCalls).toBe(1);
    const results = [...a!.results, ...b!.results];
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "fallback:half_open")).toHaveLength(19);
    const after = await instances[1]!.call<{ fnCalls: number; results: string[] }>("burst", { ...args, count: 2, delayMs: 0 });
    expect(after).toEqual({ fnCalls: 2, results: ["ok", "ok"] });
  });

  it("failures from two processes add up to one threshold", async () => {
    const name = unique("dep");
    const args = { name, count: 2, now: T0, outcome: "fail", delayMs: 0 };
    await Promise.all(instances.map((i) => i.call("burst", args)));
    await failTimes(name, 1, () => T0);
    expect((await breakerStates(T0)).find((s) => s.name === name)).toMatchObject({ state: "open", openUntil: T0 + 60_000 });
  });
});

describe("health view", () => {
  it("records every transition with time and cause, capped at the last 100", async () => {
    const name = unique("dep");
    const policy = { failureThreshold: 1, openSec: 1 };
    let t = T0;
    for (let cycle = 0; cycle < 35; cycle++) {
      await expect(withBreaker(name, async () => Promise.reject(new Error(`boom ${cycle}`)), { policy, clock: () => t })).rejects.toThrow();
      t += 1000;
      await withBreaker(name, async () => "ok", { policy, clock: () => t });
      t += 1;
    }
    const timeline = await breakerTimeline(name);
    expect(timeline).toHaveLength(100);
    expect(timeline[0]).toMatchObject({ from: "half_open", to: "closed", cause: "probe succeeded", at: t - 1 });
    expect(timeline[2]).toMatchObject({ from: "closed", to: "open", cause: "1 failures within 300 s, last: Error: boom 34", at: t - 1001 });
    expect(timeline.every((x, i) => i === 0 || x.at <= timeline[i - 1]!.at)).toBe(true);
  });

  it("lists configured and seen dependencies with their states", async () => {
    const name = unique("dep");
    await openBreaker(name);
    const states = await breakerStates(T0 + 1);
    expect(states.map((s) => s.name)).toEqual(expect.arrayContaining(["calcom", "retell", "sendgrid", "stripe", name]));
    expect(states.find((s) => s.name === name)).toMatchObject({
      state: "open",
      since: T0,
      openUntil: T0 + 60_000,
      cause: expect.stringMatching(/^5 failures within 300 s/),
    });
  });

  it("costs one Redis trip per closed call that succeeds and one per refused call", async () => {
    const name = unique("dep");
    await withBreaker(name, async () => "warm", { clock: () => T0 });
    let before = (await bridgeStats()).requests;
    await withBreaker(name, async () => "ok", { clock: () => T0 });
    expect((await bridgeStats()).requests - before).toBe(1);
    await openBreaker(name);
    before = (await bridgeStats()).requests;
    await withBreaker(name, async () => "ok", { clock: () => T0, fallback: () => "fb" });
    expect((await bridgeStats()).requests - before).toBe(1);
  });
});
