import { describe, expect, it } from "vitest";
import { breakerPolicy } from "@/lib/breaker/breaker-policy";
import { BreakerOpenError } from "@/lib/breaker/errors";
import { markFallback } from "@/lib/breaker/mark-fallback";

describe("breaker policy", () => {
  it("defaults to the seed's numbers: 5 failures in 5 minutes, 60 s open, one probe", () => {
    expect(breakerPolicy("svc:appointments@svi_1")).toEqual({
      failureThreshold: 5,
      windowSec: 300,
      openSec: 60,
      halfOpenProbes: 1,
      timeoutMs: 10_000,
    });
  });

  it("applies a dependency's row and then a caller's override", () => {
    expect(breakerPolicy("stripe")).toMatchObject({ openSec: 30, timeoutMs: 20_000, failureThreshold: 5 });
    expect(breakerPolicy("stripe", { halfOpenProbes: 2 })).toMatchObject({ openSec: 30, halfOpenProbes: 2 });
  });

  it("refuses names that are not key-safe and settings that are not positive", () => {
    expect(() => breakerPolicy("has space")).toThrow(TypeError);
    expect(() => breakerPolicy("")).toThrow(TypeError);
    expect(() => breakerPolicy("calcom", { openSec: 0 })).toThrow(TypeError);
    expect(() => breakerPolicy("toString")).not.toThrow(); // not an inherited row
    expect(breakerPolicy("toString").openSec).toBe(60);
  });
});

describe("breaker responses", () => {
  it("BreakerOpenError is a 503 with Retry-After in whole seconds, never below 1", () => {
    expect(new BreakerOpenError("calcom", 59_001)).toMatchObject({ status: 503, retryAfterSec: 60, headers: { "retry-after": "60" } });
    expect(new BreakerOpenError("calcom", 0).retryAfterSec).toBe(1);
    expect(new BreakerOpenError("svc:x@10.0.0.1", 1000).message).not.toContain("10.0.0.1");
  });

  it("marks fallback responses, also ones with immutable headers", () => {
    expect(markFallback(Response.json({}), "calcom").headers.get("x-gateway-fallback")).toBe("calcom");
    expect(markFallback(Response.redirect("https://example.test/", 302), "stripe").headers.get("x-gateway-fallback")).toBe("stripe");
  });
});
