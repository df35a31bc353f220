import { describe, expect, it } from "vitest";
import { e164Schema } from "@/lib/phone/e164-schema";
import { isE164 } from "@/lib/phone/is-e164";
import { normalizePhone } from "@/lib/phone/normalize-phone";

describe("isE164 / e164Schema", () => {
  it("takes + and 7 to 15 digits not starting with 0, nothing else", () => {
    for (const ok of ["+16175550123", "+442079460958", "+1234567", "+123456789012345"]) {
      expect(isE164(ok)).toBe(true);
      expect(e164Schema.safeParse(ok).success).toBe(true);
    }
    for (const bad of ["16175550123", "+0175550123", "+1 617 555 0123", "+123456", "+1234567890123456", "", null, 16175550123]) {
      expect(isE164(bad)).toBe(false);
      expect(e164Schema.safeParse(bad).success).toBe(false);
    }
  });
});

describe("normalizePhone", () => {
  it("reads the spellings people type for one North American number", () => {
    for (const typed of [
      "(617) 555-0123",
      "617.555.0123",
      "617-555-0123",
      "6175550123",
      "1 617 555 0123",
      "+16175550123",
      " +1 (617) 555-0123 ",
      "011 1 617 555 0123",
    ])
      expect(normalizePhone(typed), typed).toBe("+16175550123");
  });

  it("keeps a number's own country code (+ or 00) and reads national numbers in the default country's plan", () => {
    expect(normalizePhone("+44 20 7946 0958")).toBe("+442079460958");
    expect(normalizePhone("0044 20 7946 0958")).toBe("+442079460958");
    expect(normalizePhone("020 7946 0958", "44")).toBe("+442079460958");
    expect(normalizePhone("030 901820", "49")).toBe("+4930901820");
    expect(normalizePhone("(617) 555-0123", "44")).toBe("+446175550123");
  });

  it("answers null for what cannot be a number", () => {
    for (const bad of [
      "",
      "555-0123",
      "617 555 012",
      "617 555 0123 ext 4",
      "call me",
      "+1 617 555 0123 +2",
      "(017) 555-0123",
      "617 055 0123",
      "+0 617",
    ])
      expect(normalizePhone(bad), bad).toBeNull();
    expect(normalizePhone("6175550123", "0")).toBeNull();
    expect(normalizePhone("6175550123", "1234")).toBeNull();
  });
});
