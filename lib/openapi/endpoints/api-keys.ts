import { z } from "zod";
import {
  apiKeyIdParamsSchema,
  apiKeyListSchema,
  apiKeySchema,
  apiKeyUsageQuerySchema,
  apiKeyUsageSchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
  listApiKeysQuerySchema,
  rotateApiKeyRequestSchema,
  rotatedApiKeySchema,
} from "@/lib/services/api-keys/schemas";
import type { EndpointDoc } from "../types";

/** The list's meta, as app/api/v1/api-keys/route.ts writes it. */
const pageMetaSchema = z.object({ nextCursor: z.string().nullable() });

export const API_KEY_ENDPOINTS: EndpointDoc[] = [
  {
    method: "GET",
    path: "/api/v1/api-keys",
    operationId: "listApiKeys",
    tag: "API keys",
    summary: "The company's API keys, newest first (never a secret or a hash)",
    auth: "required",
    permission: "keys:manage",
    query: listApiKeysQuerySchema,
    response: apiKeyListSchema,
    meta: pageMetaSchema,
  },
  {
    method: "POST",
    path: "/api/v1/api-keys",
    operationId: "createApiKey",
    tag: "API keys",
    summary: "Create a key; its secret is in this response and nowhere else, ever",
    description:
      "Scopes must be a subset of the creator's own permissions. Every key that can still authenticate (keys in a rotation grace period included) counts against the tier's cap (409 past it). A key creating a key gives it no later expiry than its own: without `expiresAt` the new key expires with its parent; a later one is 403. A key in its rotation grace period can only read (403).",
    auth: "required",
    permission: "keys:manage",
    body: createApiKeyRequestSchema,
    status: 201,
    response: createdApiKeySchema,
    errors: ["conflict"],
  },
  {
    method: "DELETE",
    path: "/api/v1/api-keys/{id}",
    operationId: "revokeApiKey",
    tag: "API keys",
    summary: "Revoke a key at once (idempotent)",
    description: "The caller's permissions (or a key's scopes) must cover the target key's scopes (403 otherwise).",
    auth: "required",
    permission: "keys:manage",
    params: apiKeyIdParamsSchema,
    response: apiKeySchema,
  },
  {
    method: "POST",
    path: "/api/v1/api-keys/{id}/rotate",
    operationId: "rotateApiKey",
    tag: "API keys",
    summary: "Rotate a key: a new secret (shown once); the old key works for the grace period",
    description:
      "The caller must cover the key's scopes, and a key may not rotate a key into one that outlives it (403). While the old key is in grace both count against the cap: at the cap, rotate with `gracePeriodSeconds: 0` (409 otherwise). During its grace the old key can only read.",
    auth: "required",
    permission: "keys:manage",
    params: apiKeyIdParamsSchema,
    body: rotateApiKeyRequestSchema,
    bodyOptional: true,
    status: 201,
    response: rotatedApiKeySchema,
    errors: ["conflict"],
  },
  {
    method: "GET",
    path: "/api/v1/api-keys/{id}/usage",
    operationId: "getApiKeyUsage",
    tag: "API keys",
    summary: "A key's requests by UTC day and outcome: ok, limited (by layer), refused",
    description:
      "`from` and `to` are UTC days (`YYYY-MM-DD`), both included, at most 30 days apart and within the last 30 days (400 otherwise); without them the last 30 days. Every day of the range is listed, zeros included. `refused` counts requests the edge refused before any layer (the key revoked, expired or past its grace, the company suspended). Counted by the gateway in its one Redis trip per request.",
    auth: "required",
    permission: "keys:manage",
    params: apiKeyIdParamsSchema,
    query: apiKeyUsageQuerySchema,
    response: apiKeyUsageSchema,
  },
];
