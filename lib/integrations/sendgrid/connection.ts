import type { BreakerPolicy } from "@/lib/breaker/policy";
import { integrationsEnv } from "@/lib/env/integrations";
import type { BreakerTarget } from "../http/call-vendor";

export interface SendgridConnection {
  apiKey: string;
  baseUrl: string;
  breaker: BreakerTarget;
  /** The longest we wait for SendGrid's rate-limit window to reset before giving up (default 10 s). */
  maxRateLimitWaitMs: number;
}

export interface SendgridClientOptions {
  /** Default SENDGRID_API_KEY (the platform's). */
  apiKey?: string;
  /** Default SENDGRID_API_URL. */
  baseUrl?: string;
  breakerName?: string;
  policy?: Partial<BreakerPolicy>;
  maxRateLimitWaitMs?: number;
}

export function sendgridConnection(opts: SendgridClientOptions = {}): SendgridConnection {
  const env = integrationsEnv();
  const apiKey = opts.apiKey ?? env.SENDGRID_API_KEY;
  if (!apiKey) throw new Error("SendGrid is not configured: set SENDGRID_API_KEY");
  return {
    apiKey,
    baseUrl: opts.baseUrl ?? env.SENDGRID_API_URL,
    breaker: { vendor: "sendgrid", breakerName: opts.breakerName, policy: opts.policy },
    maxRateLimitWaitMs: opts.maxRateLimitWaitMs ?? 10_000,
  };
}
