import { describe, expect, it } from "vitest";
import { reconnectDelayMs } from "@/lib/redis/bridge/connect";

describe("the bridge's reconnect delay while Redis is down", () => {
  it("grows by 50 ms an attempt and never passes 500 ms, so a request's two waits stay near a second", () => {
    expect([1, 2, 5, 10, 11, 100, 10_000].map(reconnectDelayMs)).toEqual([50, 100, 250, 500, 500, 500, 500]);
  });
});
