import type { BreakerPolicy } from "@/lib/breaker/policy";
import { integrationsEnv } from "@/lib/env/integrations";
import type { BreakerTarget } from "../http/call-vendor";
import { CALCOM_API_VERSIONS } from "./schemas";

export interface CalcomConnection {
  apiKey: string;
  baseUrl: string;
  breaker: BreakerTarget;
}

export interface CalcomClientOptions {
  apiKey: string;
  /** Default CALCOM_API_URL. */
  baseUrl?: string;
  breakerName?: string;
  policy?: Partial<BreakerPolicy>;
}

export function calcomConnection(opts: CalcomClientOptions): CalcomConnection {
  return {
    apiKey: opts.apiKey,
    baseUrl: opts.baseUrl ?? integrationsEnv().CALCOM_API_URL,
    breaker: { vendor: "calcom", breakerName: opts.breakerName, policy: opts.policy },
  };
}

/** Bearer plus the version the endpoint family is pinned to: the response shapes depend on it. */
export function calcomHeaders(conn: CalcomConnection, family: keyof typeof CALCOM_API_VERSIONS): Record<string, string> {
  return { authorization: `Bearer ${conn.apiKey}`, "cal-api-version": CALCOM_API_VERSIONS[family] };
}
