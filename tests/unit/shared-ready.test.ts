import { afterEach, describe, expect, it } from "vitest";
import { READY_SHARE_MS, sharedReady } from "@/lib/health/shared-ready";

describe("sharedReady (/api/health/ready's probes)", () => {
  const holder = globalThis as typeof globalThis & { __switchboardReady?: unknown };
  afterEach(() => {
    delete holder.__switchboardReady;
  });

  it("runs the probes once for concurrent callers and for a second after, then again", async () => {
    let runs = 0;
    let release!: () => void;
    const probe = () => {
      runs++;
      return new Promise<{ ok: boolean; checks: [] }>((resolve) => {
        release = () => resolve({ ok: runs === 1, checks: [] });
      });
    };
    let now = 1_000_000;
    const clock = () => now;
    const callers = Array.from({ length: 20 }, () => sharedReady(clock, probe));
    release();
    const answers = await Promise.all(callers);
    expect(runs).toBe(1);
    expect(answers.every((a) => a.ok)).toBe(true);

    now += READY_SHARE_MS - 1;
    expect((await sharedReady(clock, probe)).ok).toBe(true);
    expect(runs).toBe(1);

    now += 1;
    const next = sharedReady(clock, probe);
    release();
    expect((await next).ok).toBe(false);
    expect(runs).toBe(2);
  });
});
