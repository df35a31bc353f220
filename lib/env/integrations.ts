import { z } from "zod";
import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { isLiveProduction } from "./live-production";
import { defineEnv, emptyToUndefined } from "./parse";

const PRICE_DEFAULTS = {
  PRO: "price_switchboard_pro_monthly",
  ENTERPRISE: "price_switchboard_enterprise_monthly",
  UNLIMITED: "price_switchboard_unlimited_monthly",
} as const;

const url = z.preprocess(emptyToUndefined, z.string().url().optional());
const text = (min = 8) => z.preprocess(emptyToUndefined, z.string().trim().min(min).optional());

/** base64 DER SubjectPublicKeyInfo of an EC key (what SendGrid's settings page shows); a PEM is accepted too. */
const ecPublicKey = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .refine(
      (v) => v.includes("BEGIN PUBLIC KEY") || /^[A-Za-z0-9+/=\s]{60,}$/.test(v),
      "must be the base64 (or PEM) public key SendGrid shows",
    )
    .optional(),
);

/**
 * Vendor base URLs and platform-level credentials (Node runtime only). Per-company credentials live
 * encrypted in company_settings (lib/integrations/credentials.ts); these are the fallbacks.
 */
const raw = defineEnv("integrations", {
  RETELL_API_URL: url,
  CALCOM_API_URL: url,
  /** Where the `stripe` package sends requests: host, port and protocol are taken from it. */
  STRIPE_API_URL: url,
  SENDGRID_API_URL: url,
  RETELL_API_KEY: text(),
  CALCOM_API_KEY: text(),
  CALCOM_WEBHOOK_SECRET: text(),
  STRIPE_SECRET_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w{8,}$/, "must be a Stripe secret key (sk_…)")
      .optional(),
  ),
  STRIPE_WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^whsec_\w{8,}$/, "must be a Stripe webhook secret (whsec_…)")
      .optional(),
  ),
  /** Stripe price id of each paid tier (lib/integrations/stripe/prices.ts maps them both ways). */
  STRIPE_PRICE_PRO: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^price_\w+$/)
      .optional(),
  ),
  STRIPE_PRICE_ENTERPRISE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^price_\w+$/)
      .optional(),
  ),
  STRIPE_PRICE_UNLIMITED: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^price_\w+$/)
      .optional(),
  ),
  SENDGRID_API_KEY: text(),
  SENDGRID_WEBHOOK_PUBLIC_KEY: ecPublicKey,
  SENDGRID_FROM_EMAIL: z.preprocess(emptyToUndefined, z.string().email().default("no-reply@switchboard.test")),
});

export interface IntegrationsEnv {
  RETELL_API_URL: string;
  CALCOM_API_URL: string;
  STRIPE_API_URL: string;
  SENDGRID_API_URL: string;
  /** Platform defaults; undefined when neither set nor a local fake is in use. */
  RETELL_API_KEY?: string;
  CALCOM_API_KEY?: string;
  CALCOM_WEBHOOK_SECRET?: string;
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  STRIPE_PRICE_PRO: string;
  STRIPE_PRICE_ENTERPRISE: string;
  STRIPE_PRICE_UNLIMITED: string;
  SENDGRID_API_KEY?: string;
  SENDGRID_WEBHOOK_PUBLIC_KEY?: string;
  SENDGRID_FROM_EMAIL: string;
}

let cached: IntegrationsEnv | undefined;

/** Where each vendor really is: a live production deployment's default. */
export const VENDOR_API_URLS = {
  retell: "https://api.retellai.com",
  calcom: "https://api.cal.com",
  stripe: "https://api.stripe.com",
  sendgrid: "https://api.sendgrid.com",
} as const;

/**
 * The integrations environment, parsed once. Base URLs default to the local fakes
 * (127.0.0.1:4010–4013), and in live production (lib/env/live-production.ts) to the vendors
 * themselves; see `resolveIntegrationsEnv` for the credential rules.
 */
export function integrationsEnv(): IntegrationsEnv {
  cached ??= resolveIntegrationsEnv(raw(), { live: isLiveProduction() });
  return cached;
}

export type RawIntegrationsEnv = ReturnType<typeof raw>;

/**
 * Outside live production, a vendor whose URL is local (a fake) gets the fakes' credentials by
 * default; a vendor reached at a real address gets no default and refuses the fakes' well-known
 * values, so a deployment talking to real Stripe can never accept webhooks signed with a secret
 * printed in this repository. In live production (`live`) nothing falls back to the fakes: URLs
 * default to the vendors, credentials to nothing, and the fakes' values are refused whatever the URL
 * (lib/env/production-secrets.ts refuses them before start; this is the same rule at first use).
 */
export function resolveIntegrationsEnv(env: Partial<RawIntegrationsEnv>, opts: { live?: boolean } = {}): IntegrationsEnv {
  const live = opts.live ?? false;
  const urls = {
    retell: env.RETELL_API_URL ?? (live ? VENDOR_API_URLS.retell : LOCAL_DEFAULTS.retellApiUrl),
    calcom: env.CALCOM_API_URL ?? (live ? VENDOR_API_URLS.calcom : LOCAL_DEFAULTS.calcomApiUrl),
    stripe: env.STRIPE_API_URL ?? (live ? VENDOR_API_URLS.stripe : LOCAL_DEFAULTS.stripeApiUrl),
    sendgrid: env.SENDGRID_API_URL ?? (live ? VENDOR_API_URLS.sendgrid : LOCAL_DEFAULTS.sendgridApiUrl),
  };
  const problems: string[] = [];
  const pick = (name: keyof RawIntegrationsEnv, vendorUrl: string, local: string): string | undefined => {
    const value = env[name];
    if (!live && isLoopback(vendorUrl)) return value ?? local;
    if (value === local) {
      problems.push(
        live
          ? `${name}: is the local fakes' value, refused in production`
          : `${name}: is the local fakes' value but ${new URL(vendorUrl).host} is not local`,
      );
    }
    return value;
  };
  const resolved: IntegrationsEnv = {
    RETELL_API_URL: urls.retell,
    CALCOM_API_URL: urls.calcom,
    STRIPE_API_URL: urls.stripe,
    SENDGRID_API_URL: urls.sendgrid,
    RETELL_API_KEY: pick("RETELL_API_KEY", urls.retell, LOCAL_DEFAULTS.retellApiKey),
    CALCOM_API_KEY: pick("CALCOM_API_KEY", urls.calcom, LOCAL_DEFAULTS.calcomApiKey),
    CALCOM_WEBHOOK_SECRET: pick("CALCOM_WEBHOOK_SECRET", urls.calcom, LOCAL_DEFAULTS.calcomWebhookSecret),
    STRIPE_SECRET_KEY: pick("STRIPE_SECRET_KEY", urls.stripe, LOCAL_DEFAULTS.stripeSecretKey),
    STRIPE_WEBHOOK_SECRET: pick("STRIPE_WEBHOOK_SECRET", urls.stripe, LOCAL_DEFAULTS.stripeWebhookSecret),
    STRIPE_PRICE_PRO: env.STRIPE_PRICE_PRO ?? PRICE_DEFAULTS.PRO,
    STRIPE_PRICE_ENTERPRISE: env.STRIPE_PRICE_ENTERPRISE ?? PRICE_DEFAULTS.ENTERPRISE,
    STRIPE_PRICE_UNLIMITED: env.STRIPE_PRICE_UNLIMITED ?? PRICE_DEFAULTS.UNLIMITED,
    SENDGRID_API_KEY: pick("SENDGRID_API_KEY", urls.sendgrid, LOCAL_DEFAULTS.sendgridApiKey),
    SENDGRID_WEBHOOK_PUBLIC_KEY: pick("SENDGRID_WEBHOOK_PUBLIC_KEY", urls.sendgrid, LOCAL_DEFAULTS.sendgridWebhookPublicKey),
    SENDGRID_FROM_EMAIL: env.SENDGRID_FROM_EMAIL ?? "no-reply@switchboard.test",
  };
  if (problems.length > 0) throw new Error(`Invalid integrations environment: ${problems.join("; ")} (see .env.example)`);
  return resolved;
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
