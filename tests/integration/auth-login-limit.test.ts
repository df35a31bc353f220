import bcrypt from "bcryptjs";
import { afterAll, describe, expect, it, vi } from "vitest";
import { POST as TOKEN } from "@/app/api/v1/auth/token/route";
import { LOGIN_LIMIT } from "@/lib/auth/login-limiter";
import { authOptions } from "@/lib/auth/options";
import { closeDb } from "@/lib/db/client";
import { seedTenant } from "../helpers/seed-rows";
import { signedRequest } from "../helpers/signed-request";

afterAll(async () => {
  await closeDb();
});

const token = async (body: unknown) => TOKEN(await signedRequest("/api/v1/auth/token", { method: "POST", caller: {}, body }));

/** The user's authorize of next-auth's Credentials provider (next-auth keeps it under `options`). */
function credentialsAuthorize() {
  const provider = authOptions().providers[0] as unknown as {
    options: { authorize: (c: Record<string, string>, req: unknown) => Promise<unknown> };
  };
  return (creds: Record<string, string>) => provider.options.authorize(creds, {});
}

describe("per-email login limiter", () => {
  it("lets 10 tries through and answers the 11th with 429 rate_limited, Retry-After in seconds and the layer", async () => {
    const t = await seedTenant();
    for (let i = 0; i < 10; i++) {
      const res = await token({ email: t.user.email, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    // Even the right password is refused now: that is the point of a brute-force limit.
    const res = await token({ email: t.user.email, password: t.user.password });
    expect(res.status).toBe(429);
    const retryAfter = res.headers.get("retry-after");
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(15 * 60);
    const body = (await res.json()) as { error: { code: string; details: { layer: string } } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.details.layer).toBe("login");
  });

  it("keys on the lower-cased email, and is shared with the dashboard sign-in", async () => {
    const limited = await seedTenant();
    for (let i = 0; i < 10; i++) await token({ email: i % 2 ? limited.user.email.toUpperCase() : limited.user.email, password: "nope" });
    expect((await token({ email: ` ${limited.user.email.toUpperCase()} `, password: limited.user.password })).status).toBe(429);

    const authorize = credentialsAuthorize();
    expect(await authorize({ email: limited.user.email, password: limited.user.password })).toBeNull();

    const fresh = await seedTenant();
    expect(await authorize({ email: fresh.user.email, password: fresh.user.password })).toMatchObject({
      id: fresh.user.id,
      companyId: fresh.companyId,
    });
    expect((await token({ email: fresh.user.email, password: fresh.user.password })).status).toBe(200);
  });

  it("counts dashboard sign-in attempts too", async () => {
    const t = await seedTenant();
    const authorize = credentialsAuthorize();
    for (let i = 0; i < 10; i++) expect(await authorize({ email: t.user.email, password: "wrong" })).toBeNull();
    expect((await token({ email: t.user.email, password: t.user.password })).status).toBe(429);
  });

  it("counts failures only: successful sign-ins (token and dashboard) never use up the window", async () => {
    const t = await seedTenant();
    const authorize = credentialsAuthorize();
    for (let i = 0; i < 12; i++) {
      expect((await token({ email: t.user.email, password: t.user.password })).status).toBe(200);
      expect(await authorize({ email: t.user.email, password: t.user.password })).toMatchObject({ id: t.user.id });
    }
    // The 12 + 12 successes left all 10 failures for the limiter: 9 more failures still leave one try.
    for (let i = 0; i < 9; i++) expect((await token({ email: t.user.email, password: "wrong" })).status).toBe(401);
    expect((await token({ email: t.user.email, password: t.user.password })).status).toBe(200);
    expect((await token({ email: t.user.email, password: "wrong" })).status).toBe(401);
    expect((await token({ email: t.user.email, password: t.user.password })).status).toBe(429);
  });

  it("holds against parallel guesses: of 60 at once, at most the limit reach the password check (401), the rest get 429", async () => {
    const t = await seedTenant();
    const authorize = credentialsAuthorize();
    // Pin the clock inside one window of the sliding limiter, so no window boundary (which weighs the previous one) falls mid-test.
    const windowMs = 15 * 60_000;
    const mid = Math.floor(Date.now() / windowMs) * windowMs + windowMs / 2;
    const clock = vi.spyOn(Date, "now").mockReturnValue(mid);
    const compare = vi.spyOn(bcrypt, "compare");
    try {
      const results = await Promise.all(
        Array.from({ length: 60 }, async (_, i) =>
          i % 4 === 0
            ? // A quarter go through the dashboard's sign-in: it shares the window.
              (await authorize({ email: t.user.email, password: `wrong-${i}` })) === null
              ? "dashboard"
              : "signed-in"
            : (await token({ email: t.user.email, password: `wrong-${i}` })).status,
        ),
      );
      const reachedPassword = compare.mock.calls.filter(([password]) => String(password).startsWith("wrong-")).length;
      expect(reachedPassword).toBeLessThanOrEqual(LOGIN_LIMIT.attempts);
      expect(reachedPassword).toBeGreaterThan(0);
      const apiResults = results.filter((r) => typeof r === "number");
      expect(apiResults.filter((s) => s === 401).length).toBeLessThanOrEqual(LOGIN_LIMIT.attempts);
      expect(apiResults.filter((s) => s !== 401 && s !== 429)).toEqual([]);
      expect(apiResults.filter((s) => s === 429).length).toBeGreaterThanOrEqual(apiResults.length - LOGIN_LIMIT.attempts);
      expect(results).not.toContain("signed-in");
      // The window is used up: even the right password waits.
      expect((await token({ email: t.user.email, password: t.user.password })).status).toBe(429);
    } finally {
      compare.mockRestore();
      clock.mockRestore();
    }
  });
});
