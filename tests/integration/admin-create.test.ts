import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessToken } from "@/lib/auth/access-token";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import { createPlatformAdmin } from "@/lib/services/admin/create-platform-admin";
import { startCountingOrigin, tokenPair } from "../helpers/gateway-requests";
import { freshShellEnv, runScript } from "../helpers/run-script";
import { TEST_ENV } from "../setup/test-env";

/** `npm run admin:create` (scripts/create-admin.ts) as an operator runs it, on the test database. */
const adminCreate = (env: Record<string, string>) =>
  runScript(
    ["scripts/create-admin.ts"],
    freshShellEnv({ NODE_ENV: "production", DATABASE_URL: TEST_ENV.DATABASE_URL!, LOG_LEVEL: "silent", ...env }),
  );
const uniqueEmail = (name: string) => `${name}-${randomUUID().slice(0, 8)}@ops.example.com`;
const PASSWORD = "tidy-Lantern-harbour-91";
const rowsFor = (email: string) => getDb().select().from(users).where(eq(users.email, email.toLowerCase()));

let internal: Awaited<ReturnType<typeof startCountingOrigin>>;
beforeAll(async () => {
  internal = await startCountingOrigin();
});
afterAll(async () => internal.close());

describe("npm run admin:create", () => {
  it("creates a platform admin in no company from ADMIN_EMAIL / ADMIN_PASSWORD, hashed, who can then sign in", async () => {
    const email = uniqueEmail("First.Admin");
    const run = await adminCreate({ ADMIN_EMAIL: email, ADMIN_PASSWORD: PASSWORD });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Platform admin ${email.toLowerCase()} created`);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);

    const [row] = await rowsFor(email);
    expect(row).toMatchObject({ email: email.toLowerCase(), isPlatformAdmin: true, disabledAt: null });
    expect(row!.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(row!.passwordHash).not.toContain(PASSWORD);
    expect(await bcrypt.compare(PASSWORD, row!.passwordHash!)).toBe(true);

    // The dashboard's sign-in check and the API's token endpoint both let them in.
    expect(await verifyCredentials(email, PASSWORD)).toMatchObject({ id: row!.id, isPlatformAdmin: true, companyId: null });
    const pair = await tokenPair(email, PASSWORD, internal.origin);
    expect(pair.status).toBe(200);
    expect(await verifyAccessToken(pair.data.accessToken)).toMatchObject({ sub: row!.id, pa: true, cid: null });
  }, 60_000);

  it("refuses an email that already has an account (any case) and leaves it as it was", async () => {
    const email = uniqueEmail("dup");
    expect((await adminCreate({ ADMIN_EMAIL: email, ADMIN_PASSWORD: PASSWORD })).code).toBe(0);
    const [before] = await rowsFor(email);
    const again = await adminCreate({ ADMIN_EMAIL: email.toUpperCase(), ADMIN_PASSWORD: "another-Good-passphrase-7" });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`An account with ${email.toLowerCase()} already exists.`);
    const after = await rowsFor(email);
    expect(after).toHaveLength(1);
    expect(after[0]!.passwordHash).toBe(before!.passwordHash);
  }, 60_000);

  it("refuses weak passwords and creates nothing", async () => {
    for (const [password, reason] of [
      ["short1!", "at least 12 characters"],
      ["switchboard-demo", "known or published"],
      ["aaaaaaaaaaaaaaaaaaaa", "6 different characters"],
    ] as const) {
      const email = uniqueEmail("weak");
      const run = await adminCreate({ ADMIN_EMAIL: email, ADMIN_PASSWORD: password });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(reason);
      expect(run.stderr).not.toContain(password);
      expect(await rowsFor(email)).toHaveLength(0);
    }
  }, 90_000);

  it("without a terminal or the variables it says what to set instead of hanging", async () => {
    const run = await adminCreate({});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("set ADMIN_EMAIL and ADMIN_PASSWORD");
  }, 30_000);
});

describe("createPlatformAdmin", () => {
  it("refuses an invalid email and a password made of the email", async () => {
    await expect(createPlatformAdmin({ email: "not-an-email", password: PASSWORD })).rejects.toMatchObject({ code: "bad_request" });
    const email = uniqueEmail("grace.hopper");
    await expect(createPlatformAdmin({ email, password: `${email.split("@")[0]}-Xy` })).rejects.toThrow(/email address/);
    expect(await rowsFor(email)).toHaveLength(0);
  });
});
