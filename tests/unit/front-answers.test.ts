import { describe, expect, it } from "vitest";
import { answerChangesAt, newCacheReadLedger, ledgerCurrentUntil, noteCacheRead, withCacheEpoch } from "@/lib/cache/epoch";
import type { GatewayContext } from "@/lib/gateway/context";
import { acceptsGzip } from "@/lib/server/accepts-gzip";
import { decidedByServer, enableFrontAnswers, frontAnswerKey, isReusableRoute } from "@/lib/server/front-answers";

const ctx: GatewayContext = {
  v: 1,
  rid: "req_1",
  auth: "api_key",
  uid: null,
  kid: "key_a",
  cid: "cmp_a",
  role: null,
  scopes: ["calls:read"],
  pa: false,
  tier: "PRO",
  touch: false,
  ce: "e1",
  ip: "127.0.0.1",
  ver: "1",
  iat: 1,
  m: "GET",
  p: "/api/v1/calls",
};

describe("front answers", () => {
  it("only this process's nonce marks a request as decided by the server", () => {
    const nonce = enableFrontAnswers();
    expect(decidedByServer(nonce)).toBe(true);
    expect(enableFrontAnswers()).toBe(nonce); // one per process
    for (const forged of [null, "", "A".repeat(32), nonce.slice(0, -1), `${nonce}A`, nonce.replace(/^./, (c) => (c === "A" ? "B" : "A"))])
      expect(decidedByServer(forged)).toBe(false);
  });

  it("keys an answer by everything the handler reads of the caller, and the exact path and query", () => {
    const key = frontAnswerKey(ctx, "/api/v1/calls?limit=5");
    expect(frontAnswerKey({ ...ctx, rid: "req_2", iat: 2, ce: "e2", touch: true }, "/api/v1/calls?limit=5")).toBe(key);
    for (const other of [
      { ...ctx, cid: "cmp_b" },
      { ...ctx, kid: "key_b" },
      { ...ctx, scopes: ["calls:read", "calls:write"] },
      { ...ctx, auth: "session" as const, kid: null, uid: "usr_a", role: "viewer" as const },
      { ...ctx, pa: true },
      { ...ctx, tier: "FREE" as const },
      { ...ctx, ver: "2" },
    ])
      expect(frontAnswerKey(other, "/api/v1/calls?limit=5")).not.toBe(key);
    expect(frontAnswerKey(ctx, "/api/v1/calls?limit=6")).not.toBe(key);
  });

  it("reuses GET answers of the listed reads only", () => {
    expect(isReusableRoute("GET", "/api/v1/calls")).toBe(true);
    expect(isReusableRoute("GET", "/api/v1/dashboard/overview")).toBe(true);
    expect(isReusableRoute("POST", "/api/v1/calls")).toBe(false);
    expect(isReusableRoute("HEAD", "/api/v1/calls")).toBe(false);
    expect(isReusableRoute("GET", "/api/v1/calls/cal_1")).toBe(false);
    expect(isReusableRoute("GET", "/api/v1/calls/export")).toBe(false);
  });
});

/** The ledger of a handler that ran `reads` for company cmp_a under epoch e1. */
function ledgerOf(reads: () => void) {
  const ledger = newCacheReadLedger();
  withCacheEpoch("cmp_a", "e1", reads, ledger);
  return ledger;
}

describe("the cache-read ledger a handler's answer is judged by", () => {
  it("is current until the earliest read ends, when every read was current for the request's company", () => {
    const ledger = ledgerOf(() => {
      noteCacheRead("cmp_a", "calls", 2_000);
      noteCacheRead("cmp_a", "company_settings", 1_500);
    });
    expect(ledgerCurrentUntil(ledger)).toBe(1_500);
    expect(ledger.resources).toEqual(["calls", "company_settings"]);
  });

  it("is not current with no read, one read not current, or a read for another company", () => {
    expect(ledgerCurrentUntil(newCacheReadLedger())).toBeUndefined();
    for (const [company, until] of [
      ["cmp_a", undefined],
      ["cmp_b", 2_000],
    ] as const) {
      const ledger = ledgerOf(() => {
        noteCacheRead("cmp_a", "calls", 2_000);
        noteCacheRead(company, "calls", until);
        noteCacheRead("cmp_a", "calls", 3_000);
      });
      expect(ledgerCurrentUntil(ledger)).toBeUndefined();
    }
  });

  it("ends where the handler says its answer changes (a period relative to today at the company's midnight)", () => {
    const ledger = ledgerOf(() => {
      answerChangesAt(1_200);
      noteCacheRead("cmp_a", "dashboard", 5_000);
    });
    expect(ledgerCurrentUntil(ledger)).toBe(1_200);
    expect(ledgerCurrentUntil(ledgerOf(() => answerChangesAt(1_200)))).toBeUndefined(); // no cache read: nothing to reuse
  });

  it("notes nothing without an epoch (no decision, no reuse)", () => {
    const ledger = newCacheReadLedger();
    withCacheEpoch("cmp_a", undefined, () => noteCacheRead("cmp_a", "calls", 2_000), ledger);
    expect(ledgerCurrentUntil(ledger)).toBeUndefined();
  });
});

describe("gzip for a reused answer", () => {
  it("follows the client's Accept-Encoding, q-values included", () => {
    for (const yes of ["gzip", "gzip, deflate, br", "br;q=1, gzip;q=0.5", "*", "deflate, *;q=0.1", "GZIP", "x-gzip"])
      expect(acceptsGzip(yes), yes).toBe(true);
    for (const no of ["", "identity", "br, deflate", "gzip;q=0", "gzip; q=0.000, br", "*;q=0", "gzip;q=0, *", "gzip;q=nonsense"])
      expect(acceptsGzip(no), no).toBe(false);
  });
});
