import { describe, expect, it } from "vitest";
import { createId, ID_PREFIXES, idTime } from "@/lib/ids/create-id";

describe("createId", () => {
  it("carries the prefix of its kind and a 26-character body", () => {
    for (const [kind, prefix] of Object.entries(ID_PREFIXES)) {
      const id = createId(kind as keyof typeof ID_PREFIXES);
      expect(id).toMatch(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`));
      expect(id.length).toBeLessThanOrEqual(40); // fits the varchar(40) id columns
    }
  });

  it("sorts by creation time, as strings and as bytes", () => {
    const times = [0, 1, 999, 1_000, 1_700_000_000_000, 1_700_000_000_001, 4_102_444_800_000];
    const ids = times.map((at) => createId("call", { at }));
    expect([...ids].sort()).toEqual(ids);
    expect([...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))).toEqual(ids);
  });

  it("encodes the time it was created at", () => {
    const at = new Date("2025-06-01T12:34:56.789Z");
    expect(idTime(createId("appointment", { at }))).toEqual(at);
  });

  it("is deterministic given a time and a random source, and unique otherwise", () => {
    const source = () => {
      let n = 0;
      return () => (n++ % 97) / 97;
    };
    expect(createId("customer", { at: 1, random: source() })).toBe(createId("customer", { at: 1, random: source() }));
    const many = new Set(Array.from({ length: 10_000 }, () => createId("customer", { at: 1 })));
    expect(many.size).toBe(10_000);
  });
});
