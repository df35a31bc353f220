import type { z } from "zod";
import type { ErrorCode } from "@/lib/api/error-codes";
import type { Permission } from "@/lib/auth/permissions";
import type { CacheResource } from "@/lib/cache/policy";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * What one endpoint declares for the OpenAPI document. The schemas are the very ones its route
 * handler parses input and shapes output with, so the document cannot drift from the code.
 */
export interface EndpointDoc {
  method: HttpMethod;
  /** OpenAPI style: `/api/v1/calls/{id}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** Mirrors the route's AccessRule. */
  auth: "none" | "required";
  permission?: Permission;
  platformAdmin?: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body may be left out (e.g. rotate: defaults apply). */
  bodyOptional?: boolean;
  /** Success status; 200 unless said. */
  status?: number;
  /** The `data` of the success envelope. */
  response: z.ZodType;
  /** The `meta` of the success envelope, when there is one. */
  meta?: z.ZodType;
  /** Served through the cache: the response says X-Cache and honours Cache-Control: no-cache. */
  cache?: CacheResource;
  /** Errors beyond the ones the document derives (400, 401, 403, 404, 413, 415, 429). */
  errors?: ErrorCode[];
}

/** A JSON Schema or OpenAPI object: plain JSON. */
export type JsonObject = { [key: string]: unknown };
