import { z } from "zod";
import {
  apiKeyIdParamsSchema,
  apiKeyListSchema,
  apiKeySchema,
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
    description: "Scopes must be a subset of the creator's own permissions. Active keys are capped per tier (409 past the cap).",
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
    auth: "required",
    permission: "keys:manage",
    params: apiKeyIdParamsSchema,
    body: rotateApiKeyRequestSchema,
    bodyOptional: true,
    status: 201,
    response: rotatedApiKeySchema,
    errors: ["conflict"],
  },
];
