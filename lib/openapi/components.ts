import { z } from "zod";
import { DEFAULT_MESSAGES, ERROR_CODES, type ErrorCode } from "@/lib/api/error-codes";
import { CURRENT_API_VERSION } from "@/lib/gateway/api-version";
import { toJsonSchema } from "./to-json-schema";
import type { JsonObject } from "./types";

/** `{error:{code, message, requestId, details?}}`: every error of the API (lib/api/errors.ts). */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    requestId: z.string(),
    /** Field errors for validation_failed: `[{field, message, code}]`; other codes may carry an object. */
    details: z.union([z.array(z.record(z.string(), z.unknown())), z.record(z.string(), z.unknown())]).optional(),
  }),
});

export const SECURITY_SCHEMES = {
  bearerToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "An access token from POST /api/v1/auth/token (15 minutes; renew with POST /api/v1/auth/refresh). Acts as the person, with their role.",
  },
  apiKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "sb_live_… | sb_test_…",
    description:
      "An API key (Authorization: Bearer sb_live_…), created in Settings → API keys. Acts for its company with the key's scopes only.",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description: "The dashboard's browser session (signed in at /signin).",
  },
} as const;

const header = (description: string, type: "string" | "integer" = "string") => ({ description, schema: { type } });

export const HEADERS = {
  "X-Request-Id": header("This request's id (kept from the request when valid); quote it to support."),
  "RateLimit-Policy": header('The most restrictive rate-limit layer for this request, e.g. `"company";q=6000;w=3600` (IETF draft).'),
  RateLimit: header('What is left of it, e.g. `"company";r=5432;t=1800` (remaining, seconds to reset).'),
  "X-RateLimit-Limit": header("Requests allowed in the window of the most restrictive layer.", "integer"),
  "X-RateLimit-Remaining": header("Requests left in that window.", "integer"),
  "X-RateLimit-Reset": header("When the window resets, Unix seconds.", "integer"),
  "Retry-After": header("Seconds to wait before retrying (429, 503).", "integer"),
  "X-Cache": header("HIT, MISS, STALE or BYPASS: how the server cache answered. Send Cache-Control: no-cache to bypass it."),
} as const;

/** The error responses operations refer to, by status. */
export const ERROR_RESPONSES: Record<
  number,
  { name: string; code: ErrorCode; description: string; headers?: readonly (keyof typeof HEADERS)[] }
> = {
  400: { name: "ValidationFailed", code: "validation_failed", description: "Invalid input; `details` lists each field." },
  401: { name: "Unauthorized", code: "unauthorized", description: "No valid credential." },
  403: { name: "Forbidden", code: "forbidden", description: "The credential lacks the permission (role or key scope)." },
  404: { name: "NotFound", code: "not_found", description: "Unknown id, or another company's (the same answer)." },
  409: { name: "Conflict", code: "conflict", description: "Conflicts with the current state (e.g. a cap reached)." },
  413: { name: "PayloadTooLarge", code: "payload_too_large", description: "The body is too large." },
  415: { name: "UnsupportedMediaType", code: "unsupported_media_type", description: "Send the body as application/json." },
  422: { name: "UnprocessableEntity", code: "unprocessable_entity", description: "Valid, but cannot be processed." },
  429: {
    name: "RateLimited",
    code: "rate_limited",
    description: "A rate-limit layer refused the request; nothing was counted. The message names the layer.",
    headers: ["Retry-After", "RateLimit-Policy", "RateLimit", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"],
  },
  503: {
    name: "ServiceUnavailable",
    code: "service_unavailable",
    description: "A dependency is down; retry after Retry-After.",
    headers: ["Retry-After"],
  },
};

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** components.responses: one per error status, all with the error envelope. */
export function errorResponseComponents(): JsonObject {
  return Object.fromEntries(
    Object.values(ERROR_RESPONSES).map((r) => [
      r.name,
      {
        description: r.description,
        headers: Object.fromEntries(["X-Request-Id", ...(r.headers ?? [])].map((h) => [h, ref("headers", h)])),
        content: {
          "application/json": {
            schema: ref("schemas", "ErrorEnvelope"),
            example: { error: { code: r.code, message: DEFAULT_MESSAGES[r.code], requestId: "req_01JQ3Z9X8Y7W6V5T4S3R2Q1P0N" } },
          },
        },
      },
    ]),
  );
}

export function componentsObject(): JsonObject {
  return {
    schemas: { ErrorEnvelope: toJsonSchema(errorEnvelopeSchema, "output") },
    securitySchemes: SECURITY_SCHEMES,
    headers: HEADERS,
    parameters: {
      ApiVersion: {
        name: "X-API-Version",
        in: "header",
        required: false,
        description: `Pin an API version; the current one (${CURRENT_API_VERSION}) when absent. An unknown version answers 400.`,
        schema: { type: "string", default: CURRENT_API_VERSION },
      },
    },
    responses: errorResponseComponents(),
  };
}
