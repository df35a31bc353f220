import { createRequire, Module } from "node:module";
import { describe, expect, it } from "vitest";
import { startTracing } from "@/lib/tracing/start-tracing";

type Wrapped = { __wrapped?: boolean };

describe("startTracing leaves no hook on require behind", () => {
  it("patches mysql2 and ioredis, then puts `require` back as it was (Next requires modules on every request)", async () => {
    const proto = (Module as unknown as { prototype: { require: unknown } }).prototype;
    const before = proto.require;
    const provider = startTracing([]);
    try {
      expect(proto.require).toBe(before);
      const load = createRequire(`${process.cwd()}/`);
      const { Redis } = load("ioredis") as { Redis: { prototype: { sendCommand: Wrapped } } };
      expect(Redis.prototype.sendCommand.__wrapped).toBe(true);
      const { Connection } = load("mysql2") as { Connection: { prototype: { query: Wrapped; execute: Wrapped } } };
      expect(Connection.prototype.query.__wrapped).toBe(true);
      expect(Connection.prototype.execute.__wrapped).toBe(true);
    } finally {
      await provider.shutdown();
    }
  });
});
