import { LOCAL_DEFAULTS } from "@/lib/integrations/local-defaults";
import { isLiveProduction } from "./live-production";
import { TEST_SECRETS } from "./test-secrets";

/** A secret every production deployment sets itself (README "Deploy" lists the same table). */
export interface ProductionSecret {
  name: string;
  /** What it protects, in a few words. */
  purpose: string;
  /** How an operator gets one. */
  source: string;
  /** Values printed in this repository (the local fakes' credentials, the tests' fixed secrets): never valid in production. */
  published: readonly string[];
}

const random = (bytes: number) => `generate: openssl rand -base64 ${bytes}`;

export const PRODUCTION_SECRETS = [
  {
    name: "NEXTAUTH_SECRET",
    purpose: "signs session cookies and access tokens",
    source: random(32),
    published: [TEST_SECRETS.NEXTAUTH_SECRET],
  },
  {
    name: "GATEWAY_SIGNING_SECRET",
    purpose: "signs the context the edge gateway hands to route handlers",
    source: random(32),
    published: [TEST_SECRETS.GATEWAY_SIGNING_SECRET],
  },
  {
    name: "ENCRYPTION_KEY",
    purpose: "AES-256-GCM key of the integration credentials stored per company",
    source: random(32),
    published: [TEST_SECRETS.ENCRYPTION_KEY],
  },
  {
    name: "UPSTASH_REDIS_REST_TOKEN",
    purpose: "bearer token of the Redis REST endpoint (the bridge, or Upstash)",
    source: `${random(24)}, or the token Upstash shows`,
    published: [TEST_SECRETS.UPSTASH_REDIS_REST_TOKEN],
  },
  {
    name: "RETELL_API_KEY",
    purpose: "Retell API key; also verifies Retell's webhook signatures",
    source: "Retell dashboard → API Keys",
    published: [LOCAL_DEFAULTS.retellApiKey],
  },
  {
    name: "CALCOM_API_KEY",
    purpose: "Cal.com API key (platform default for companies without their own)",
    source: "Cal.com → Settings → Developer → API keys",
    published: [LOCAL_DEFAULTS.calcomApiKey],
  },
  {
    name: "CALCOM_WEBHOOK_SECRET",
    purpose: "verifies Cal.com webhook signatures",
    source: "the secret you enter on the Cal.com webhook",
    published: [LOCAL_DEFAULTS.calcomWebhookSecret],
  },
  {
    name: "STRIPE_SECRET_KEY",
    purpose: "Stripe secret key (sk_live_…) for checkout, portal and subscriptions",
    source: "Stripe dashboard → Developers → API keys",
    published: [LOCAL_DEFAULTS.stripeSecretKey],
  },
  {
    name: "STRIPE_WEBHOOK_SECRET",
    purpose: "verifies Stripe webhook signatures (whsec_…): whoever has it can change any company's plan",
    source: "Stripe dashboard → Developers → Webhooks → signing secret",
    published: [LOCAL_DEFAULTS.stripeWebhookSecret],
  },
  {
    name: "SENDGRID_API_KEY",
    purpose: "SendGrid API key for outgoing email",
    source: "SendGrid → Settings → API Keys",
    published: [LOCAL_DEFAULTS.sendgridApiKey],
  },
  {
    name: "SENDGRID_WEBHOOK_PUBLIC_KEY",
    purpose: "verifies SendGrid event webhook signatures (ECDSA public key)",
    source: "SendGrid → Mail Settings → Event Webhook → Signature Verification",
    published: [LOCAL_DEFAULTS.sendgridWebhookPublicKey],
  },
] as const satisfies readonly ProductionSecret[];

export type ProductionSecretName = (typeof PRODUCTION_SECRETS)[number]["name"];

/**
 * What keeps this process from running as a real deployment: one line per secret that is missing or
 * is one of the repository's published values. Empty outside live production (dev, tests, and
 * `SWITCHBOARD_DEMO=1`). `only` narrows the check to what a process uses (the bridge: its token).
 */
export function productionSecretProblems(
  env: Record<string, string | undefined> = process.env,
  only?: readonly ProductionSecretName[],
): string[] {
  if (!isLiveProduction(env)) return [];
  return PRODUCTION_SECRETS.filter((s) => !only || only.includes(s.name)).flatMap((s): string[] => {
    const value = env[s.name]?.trim();
    if (!value) return [`${s.name} is not set: ${s.purpose} (${s.source})`];
    if ((s.published as readonly string[]).includes(value)) {
      return [`${s.name} is the repository's public local default, not a secret: replace it (${s.source})`];
    }
    return [];
  });
}
