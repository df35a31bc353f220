import { describe, expect, it } from "vitest";
import { allVendorsLocal } from "@/fakes/ports";
import { resolveIntegrationsEnv, VENDOR_API_URLS } from "@/lib/env/integrations";
import { PRODUCTION_SECRETS, productionSecretProblems } from "@/lib/env/production-secrets";
import { TEST_SECRETS } from "@/lib/env/test-secrets";
import { weakPasswordReason } from "@/lib/auth/weak-password-reason";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";

const NAMES = PRODUCTION_SECRETS.map((s) => s.name);
/** A value no one has published, per variable. */
const own = (name: string) => `${name.toLowerCase()}-operators-own-value-4f9a1c7e`;
const allSet = Object.fromEntries(NAMES.map((n) => [n, own(n)]));

describe("production secrets", () => {
  it("covers the session, gateway, encryption and bridge secrets and each vendor's key and webhook secret", () => {
    expect(NAMES).toEqual([
      "NEXTAUTH_SECRET",
      "GATEWAY_SIGNING_SECRET",
      "ENCRYPTION_KEY",
      "UPSTASH_REDIS_REST_TOKEN",
      "RETELL_API_KEY",
      "CALCOM_API_KEY",
      "CALCOM_WEBHOOK_SECRET",
      "STRIPE_SECRET_KEY",
      "STRIPE_WEBHOOK_SECRET",
      "SENDGRID_API_KEY",
      "SENDGRID_WEBHOOK_PUBLIC_KEY",
    ]);
    // Every value the repository prints as a default is in some secret's published list.
    const published = PRODUCTION_SECRETS.flatMap((s) => s.published as readonly string[]);
    const localSecrets = Object.entries(LOCAL_DEFAULTS).filter(([k]) => !k.endsWith("ApiUrl"));
    for (const [, value] of localSecrets) expect(published).toContain(value);
    for (const value of Object.values(TEST_SECRETS)) expect(published).toContain(value);
  });

  it("names every missing secret on its own line in production", () => {
    const lines = productionSecretProblems({ NODE_ENV: "production" });
    expect(lines).toHaveLength(NAMES.length);
    NAMES.forEach((name, i) => expect(lines[i]).toMatch(new RegExp(`^${name} is not set: `)));
    expect(productionSecretProblems({ NODE_ENV: "production", ...allSet, STRIPE_WEBHOOK_SECRET: "  " })).toEqual([
      expect.stringMatching(/^STRIPE_WEBHOOK_SECRET is not set/),
    ]);
  });

  it("refuses each repository default, naming only that variable", () => {
    for (const secret of PRODUCTION_SECRETS) {
      for (const value of secret.published) {
        const lines = productionSecretProblems({ NODE_ENV: "production", ...allSet, [secret.name]: value });
        expect(lines).toEqual([`${secret.name} is the repository's public local default, not a secret: replace it (${secret.source})`]);
      }
    }
  });

  it("accepts the operator's own values, the demo asked for by name, and anything outside production", () => {
    expect(productionSecretProblems({ NODE_ENV: "production", ...allSet })).toEqual([]);
    expect(productionSecretProblems({ NODE_ENV: "production", SWITCHBOARD_DEMO: "1" })).toEqual([]);
    expect(productionSecretProblems({ NODE_ENV: "production", SWITCHBOARD_DEMO: "true" })).toHaveLength(NAMES.length);
    expect(productionSecretProblems({ NODE_ENV: "development" })).toEqual([]);
    expect(productionSecretProblems({ NODE_ENV: "test" })).toEqual([]);
  });

  it("narrows to what a process uses (the bridge: its token)", () => {
    expect(productionSecretProblems({ NODE_ENV: "production" }, ["UPSTASH_REDIS_REST_TOKEN"])).toEqual([
      expect.stringMatching(/^UPSTASH_REDIS_REST_TOKEN is not set/),
    ]);
  });
});

describe("integrations env in live production", () => {
  it("defaults to the vendors, never to the fakes' URLs or credentials", () => {
    const env = resolveIntegrationsEnv({}, { live: true });
    expect([env.RETELL_API_URL, env.CALCOM_API_URL, env.STRIPE_API_URL, env.SENDGRID_API_URL]).toEqual(Object.values(VENDOR_API_URLS));
    expect(env.STRIPE_WEBHOOK_SECRET).toBeUndefined();
    expect(env.STRIPE_SECRET_KEY).toBeUndefined();
    expect(env.RETELL_API_KEY).toBeUndefined();
    expect(env.CALCOM_WEBHOOK_SECRET).toBeUndefined();
    expect(env.SENDGRID_WEBHOOK_PUBLIC_KEY).toBeUndefined();
  });

  it("refuses a fake's value even when its URL points at a loopback address", () => {
    expect(() =>
      resolveIntegrationsEnv(
        { STRIPE_API_URL: LOCAL_DEFAULTS.stripeApiUrl, STRIPE_WEBHOOK_SECRET: LOCAL_DEFAULTS.stripeWebhookSecret },
        { live: true },
      ),
    ).toThrow(/STRIPE_WEBHOOK_SECRET: is the local fakes' value, refused in production/);
    expect(resolveIntegrationsEnv({ STRIPE_API_URL: LOCAL_DEFAULTS.stripeApiUrl }, { live: true }).STRIPE_WEBHOOK_SECRET).toBeUndefined();
  });

  it("the launcher starts the fakes for dev and the demo, never for live production", () => {
    expect(allVendorsLocal({ NODE_ENV: "production" })).toBe(false);
    expect(allVendorsLocal({ NODE_ENV: "production", SWITCHBOARD_DEMO: "1" })).toBe(true);
    expect(allVendorsLocal({ NODE_ENV: "development" })).toBe(true);
  });
});

describe("weak passwords", () => {
  it("refuses short, repetitive, published and email-derived passwords", () => {
    expect(weakPasswordReason("short-Pw1")).toMatch(/at least 12/);
    expect(weakPasswordReason("aaaaaaaaaaaaaaab")).toMatch(/6 different/);
    expect(weakPasswordReason("switchboard-demo")).toMatch(/known or published/);
    expect(weakPasswordReason("Password-2026!x")).toMatch(/known or published/);
    expect(weakPasswordReason("marie.curie-7Qz!", "marie.curie@example.com")).toMatch(/email/);
    expect(weakPasswordReason("é".repeat(37) + "abcdef")).toMatch(/72 bytes/);
    expect(weakPasswordReason("correct horse battery staple", "ops@example.com")).toBeNull();
  });
});
