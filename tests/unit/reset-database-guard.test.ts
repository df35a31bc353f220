import { describe, expect, it } from "vitest";
import { assertLocalTestDatabase } from "@/lib/db/assert-local-test-database";
import { resetDatabase } from "@/lib/db/migrate";

describe("resetDatabase guard", () => {
  it("refuses a database whose name does not end with _test", async () => {
    await expect(resetDatabase("mysql://root@127.0.0.1:3306/switchboard")).rejects.toThrow(/must end with _test/);
    await expect(resetDatabase("mysql://root@localhost/test_switchboard")).rejects.toThrow(/must end with _test/);
  });

  it("refuses a host that is not local, even for a _test database", async () => {
    await expect(resetDatabase("mysql://root@db.example.com:3306/switchboard_test")).rejects.toThrow(/only 127\.0\.0\.1 or localhost/);
    await expect(resetDatabase("mysql://root:pw@10.0.0.5/switchboard_test")).rejects.toThrow(/only 127\.0\.0\.1 or localhost/);
  });

  it("refuses database names that are not plain identifiers", () => {
    expect(() => assertLocalTestDatabase("mysql://root@127.0.0.1/x`;drop_test")).toThrow(/letters, digits and _/);
  });

  it("accepts a local _test database", () => {
    expect(() => assertLocalTestDatabase("mysql://root@127.0.0.1:3306/switchboard_test")).not.toThrow();
    expect(() => assertLocalTestDatabase("mysql://root@localhost/other_test")).not.toThrow();
  });
});
