import Stripe from "stripe";
import type { BreakerPolicy } from "@/lib/breaker/policy";
import { BREAKER_POLICIES } from "@/lib/breaker/policy";
import { integrationsEnv } from "@/lib/env/integrations";
import type { BreakerTarget } from "../http/call-vendor";

export interface StripeConnection {
  stripe: Stripe;
  breaker: BreakerTarget;
  /** Per-request timeout handed to the package: the breaker's, so both give up together. */
  timeoutMs: number;
}

export interface StripeClientOptions {
  /** Default STRIPE_SECRET_KEY. */
  secretKey?: string;
  /** Default STRIPE_API_URL: its host, port and protocol go to the package. */
  apiUrl?: string;
  /**
   * The package's own retries on connection errors, 409 and 5xx (default 1). They are safe: every
   * POST we send carries an idempotency key, and Stripe replays the first answer for it.
   */
  maxNetworkRetries?: number;
  breakerName?: string;
  policy?: Partial<BreakerPolicy>;
}

const instances = new Map<string, Stripe>();

/**
 * The official `stripe` package pointed at STRIPE_API_URL (the local fake by default). One instance
 * per key, URL and retry setting, reused: the package keeps connections alive.
 */
export function stripeConnection(opts: StripeClientOptions = {}): StripeConnection {
  const env = integrationsEnv();
  const key = opts.secretKey ?? env.STRIPE_SECRET_KEY;
  if (!key) throw new Error("Stripe is not configured: set STRIPE_SECRET_KEY");
  const url = new URL(opts.apiUrl ?? env.STRIPE_API_URL);
  const retries = opts.maxNetworkRetries ?? 1;
  const cacheKey = `${key}|${url.origin}|${retries}`;
  let stripe = instances.get(cacheKey);
  if (!stripe) {
    stripe = new Stripe(key, {
      host: url.hostname,
      port: url.port || (url.protocol === "https:" ? 443 : 80),
      protocol: url.protocol === "https:" ? "https" : "http",
      maxNetworkRetries: retries,
      telemetry: false,
      appInfo: { name: "switchboard" },
    });
    instances.set(cacheKey, stripe);
  }
  const timeoutMs = opts.policy?.timeoutMs ?? BREAKER_POLICIES.stripe.timeoutMs;
  return { stripe, breaker: { vendor: "stripe", breakerName: opts.breakerName, policy: opts.policy }, timeoutMs };
}
