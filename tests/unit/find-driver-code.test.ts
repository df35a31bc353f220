import { describe, expect, it } from "vitest";
import { findDriverCode } from "@/lib/db/find-driver-code";
import { isDuplicateKey } from "@/lib/db/is-duplicate-key";

const driver = (code: string) => Object.assign(new Error(`driver ${code}`), { code });
const wrap = (cause: unknown) => new Error("Failed query: select ...", { cause });

describe("findDriverCode", () => {
  it("finds the driver's code through drizzle's wrapper and further causes", () => {
    expect(findDriverCode(driver("ER_DUP_ENTRY"))).toBe("ER_DUP_ENTRY");
    expect(findDriverCode(wrap(wrap(driver("ER_LOCK_DEADLOCK"))))).toBe("ER_LOCK_DEADLOCK");
  });

  it("with `among`, skips codes it was not asked about on the way down", () => {
    const err = Object.assign(wrap(driver("ER_LOCK_WAIT_TIMEOUT")), { code: "SOMETHING_ELSE" });
    expect(findDriverCode(err)).toBe("SOMETHING_ELSE");
    expect(findDriverCode(err, ["ER_LOCK_DEADLOCK", "ER_LOCK_WAIT_TIMEOUT"])).toBe("ER_LOCK_WAIT_TIMEOUT");
    expect(findDriverCode(err, ["ER_DUP_ENTRY"])).toBeUndefined();
  });

  it("looks four levels deep at most, and answers undefined for anything without a code", () => {
    expect(findDriverCode(wrap(wrap(wrap(driver("ER_DUP_ENTRY")))))).toBe("ER_DUP_ENTRY");
    expect(findDriverCode(wrap(wrap(wrap(wrap(driver("ER_DUP_ENTRY"))))))).toBeUndefined();
    expect(findDriverCode(new Error("plain"))).toBeUndefined();
    expect(findDriverCode(null)).toBeUndefined();
    expect(findDriverCode("ER_DUP_ENTRY")).toBeUndefined();
    expect(findDriverCode({ code: 1062 })).toBeUndefined();
  });

  it("isDuplicateKey is a unique index's refusal, wrapped or not", () => {
    expect(isDuplicateKey(wrap(driver("ER_DUP_ENTRY")))).toBe(true);
    expect(isDuplicateKey(wrap(driver("ER_NO_REFERENCED_ROW_2")))).toBe(false);
  });
});
