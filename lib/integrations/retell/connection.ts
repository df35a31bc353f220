import type { BreakerPolicy } from "@/lib/breaker/policy";
import { integrationsEnv } from "@/lib/env/integrations";
import type { BreakerTarget } from "../http/call-vendor";

/** What every Retell call needs: where, with which key, through which breaker. */
export interface RetellConnection {
  apiKey: string;
  baseUrl: string;
  breaker: BreakerTarget;
}

export interface RetellClientOptions {
  apiKey: string;
  /** Default RETELL_API_URL. */
  baseUrl?: string;
  /** Default the `retell` breaker with its policy row; tests pass their own name. */
  breakerName?: string;
  policy?: Partial<BreakerPolicy>;
}

export function retellConnection(opts: RetellClientOptions): RetellConnection {
  return {
    apiKey: opts.apiKey,
    baseUrl: opts.baseUrl ?? integrationsEnv().RETELL_API_URL,
    breaker: { vendor: "retell", breakerName: opts.breakerName, policy: opts.policy },
  };
}

export function retellHeaders(conn: RetellConnection): Record<string, string> {
  return { authorization: `Bearer ${conn.apiKey}` };
}
