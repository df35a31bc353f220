import { afterAll, describe, expect, it } from "vitest";
import { POST as TOKEN } from "@/app/api/v1/auth/token/route";
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
});
