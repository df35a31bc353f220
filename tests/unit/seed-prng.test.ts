import { describe, expect, it } from "vitest";
import { seedAnchor } from "@/lib/db/seed/anchor";
import { Rng } from "@/lib/db/seed/prng";

describe("seed PRNG and anchor", () => {
  it("repeats the same sequence for the same seed and label", () => {
    const a = Rng.derive(42, "calls:acme");
    const b = Rng.derive(42, "calls:acme");
    const c = Rng.derive(42, "calls:globex");
    const seq = (r: Rng) => Array.from({ length: 20 }, () => r.next());
    const sa = seq(a);
    expect(sa).toEqual(seq(b));
    expect(sa).not.toEqual(seq(c));
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("keeps helpers in range", () => {
    const r = new Rng(7);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
    expect(r.string(12)).toHaveLength(12);
    expect(r.hex(64)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("anchors data at the start of the current UTC day", () => {
    expect(seedAnchor(new Date("2025-03-09T23:59:59.999Z")).toISOString()).toBe("2025-03-09T00:00:00.000Z");
    expect(seedAnchor(new Date("2025-03-10T00:00:00.000Z")).toISOString()).toBe("2025-03-10T00:00:00.000Z");
  });
});
