import { z } from "zod";
import { ERROR_RESPONSES } from "./components";
import { exampleFromSchema } from "./example-from-schema";
import { toJsonSchema } from "./to-json-schema";
import type { EndpointDoc, JsonObject } from "./types";

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
const RATE_LIMIT_HEADERS = ["RateLimit-Policy", "RateLimit", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"] as const;

/** Each property of an object schema as an OpenAPI parameter (`in: path | query`). */
function parametersOf(schema: EndpointDoc["query"], where: "path" | "query"): JsonObject[] {
  if (!schema) return [];
  const json = toJsonSchema(schema, "input");
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries((json.properties ?? {}) as Record<string, JsonObject>).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return { name, in: where, required: where === "path" || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

/** The error statuses an endpoint can answer, derived from what it declares. */
function errorStatuses(e: EndpointDoc): number[] {
  const statuses = new Set<number>([429]);
  if (e.params || e.query || e.body) statuses.add(400);
  if (e.auth === "required") statuses.add(401).add(403);
  if (e.params) statuses.add(404);
  if (e.body) statuses.add(413).add(415);
  for (const code of e.errors ?? []) {
    const status = Object.entries(ERROR_RESPONSES).find(([, r]) => r.code === code)?.[0];
    if (status) statuses.add(Number(status));
  }
  return [...statuses].sort((a, b) => a - b);
}

/** One endpoint as an OpenAPI operation: parameters, body, the `{data, meta?}` envelope, headers, errors. */
export function buildOperation(e: EndpointDoc): JsonObject {
  const envelope = toJsonSchema(z.object({ data: e.response, ...(e.meta ? { meta: e.meta } : {}) }), "output");
  const successHeaders = ["X-Request-Id", ...RATE_LIMIT_HEADERS, ...(e.cache ? (["X-Cache"] as const) : [])];
  const body = e.body ? toJsonSchema(e.body, "input") : null;
  return {
    operationId: e.operationId,
    tags: [e.tag],
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    security:
      e.auth === "none"
        ? []
        : e.platformAdmin
          ? [{ bearerToken: [] }, { sessionCookie: [] }]
          : [{ bearerToken: [] }, { apiKey: [] }, { sessionCookie: [] }],
    "x-permission": e.platformAdmin ? "platform admin" : (e.permission ?? null),
    ...(e.cache ? { "x-cache": e.cache } : {}),
    parameters: [...parametersOf(e.params, "path"), ...parametersOf(e.query, "query"), ref("parameters", "ApiVersion")],
    ...(body
      ? { requestBody: { required: !e.bodyOptional, content: { "application/json": { schema: body, example: exampleFromSchema(body) } } } }
      : {}),
    responses: {
      [String(e.status ?? 200)]: {
        description: e.status === 201 ? "Created" : "OK",
        headers: Object.fromEntries(successHeaders.map((h) => [h, ref("headers", h)])),
        content: { "application/json": { schema: envelope, example: exampleFromSchema(envelope) } },
      },
      ...Object.fromEntries(errorStatuses(e).map((s) => [String(s), ref("responses", ERROR_RESPONSES[s]!.name)])),
    },
  };
}
