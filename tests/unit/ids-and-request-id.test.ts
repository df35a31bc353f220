import { describe, expect, it } from "vitest";
import { createId, idTime } from "@/lib/ids/create-id";
import { resolveRequestId } from "@/lib/gateway/request-id";
import { stripGatewayHeaders } from "@/lib/gateway/strip-gateway-headers";

describe("ids", () => {
  it("carry their prefix and sort by creation time", () => {
    const a = createId("call", { at: 1_700_000_000_000 });
    const b = createId("call", { at: 1_700_000_000_001 });
    expect(a).toMatch(/^call_[0-9A-Z]{26}$/);
    expect(a < b).toBe(true);
    expect(idTime(a).getTime()).toBe(1_700_000_000_000);
  });

  it("are deterministic with an injected random source", () => {
    const rnd = () => 0.5;
    expect(createId("customer", { at: 0, random: rnd })).toBe(createId("customer", { at: 0, random: rnd }));
  });
});

describe("request id", () => {
  it("keeps a valid id and replaces an unsafe one", () => {
    expect(resolveRequestId("abcDEF-123_456.789")).toBe("abcDEF-123_456.789");
    expect(resolveRequestId("short")).toMatch(/^req_/);
    expect(resolveRequestId("has space in it ok")).toMatch(/^req_/);
    expect(resolveRequestId("x".repeat(200))).toMatch(/^req_/);
    expect(resolveRequestId(null)).toMatch(/^req_/);
  });

  it("drops every client-sent x-gateway-* header", () => {
    const h = stripGatewayHeaders(new Headers({ "X-Gateway-Context": "forged", "x-gateway-user": "root", accept: "application/json" }));
    expect([...h.keys()]).toEqual(["accept"]);
  });
});
