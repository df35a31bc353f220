import {
  connectionTestSchema,
  integrationStatusListSchema,
  integrationVendorParamsSchema,
} from "@/lib/services/integrations-status/schemas";
import type { EndpointDoc } from "../types";

export const SETTINGS_TAG = { name: "Settings", description: "The company's settings: integrations and their connection status." } as const;

export const SETTINGS_ENDPOINTS: EndpointDoc[] = [
  {
    method: "GET",
    path: "/api/v1/settings/integrations",
    operationId: "listIntegrationStatus",
    tag: SETTINGS_TAG.name,
    summary: "Each integration (Retell.ai, Cal.com, Stripe, SendGrid): credential set, circuit breaker, last outage",
    description: [
      "`configured` says whether calls have a key to use: the company's own (`credentialSource: company`, stored encrypted) or the platform's default (`platform`; Stripe is always the platform's account). `credentialProblem: unreadable` means a stored key no longer decrypts and must be entered again.",
      "`breaker` is the vendor's circuit breaker, shared by every company: it opens after `failureThreshold` failures within `windowSeconds` and then sends no call for `openSeconds`; `half_open` means the next call is a probe. `lastFailure` is the last time it opened, and why, in words. Nothing is sent to a vendor.",
    ].join("\n\n"),
    auth: "required",
    permission: "settings:read",
    response: integrationStatusListSchema,
  },
  {
    method: "POST",
    path: "/api/v1/settings/integrations/{vendor}/test",
    operationId: "testIntegrationConnection",
    tag: SETTINGS_TAG.name,
    summary: "Test a connection: one cheap read through the vendor's client, answered ok or not",
    description: [
      "No body. Retell: list-calls limit 1; Cal.com: bookings take 1; Stripe: a customer lookup (a 404 proves the key works); SendGrid: nothing is sent (`check: send_only`) — the key's presence and the breaker are reported, with a `note`.",
      "A failing vendor still answers 200, with `ok: false` and `error.code` (`not_configured`, `credential_unreadable`, `credential_rejected`, `breaker_open`, `timeout`, `unreachable`, `vendor_error`, `malformed_response`, `rate_limited`, `refused`, `unexpected`) and a message in our words — never the vendor's text. The test is a real call through the vendor's breaker: an outage counts toward opening it, an OPEN breaker answers at once (`breaker_open`, `error.retryAt`) without calling, and a `half_open` one lets this test be its probe. An unknown `vendor` answers 404.",
    ].join("\n\n"),
    auth: "required",
    permission: "settings:manage",
    params: integrationVendorParamsSchema,
    response: connectionTestSchema,
  },
];
