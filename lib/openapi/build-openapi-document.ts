import { CURRENT_API_VERSION } from "@/lib/gateway/api-version";
import { buildOperation } from "./build-operation";
import { componentsObject } from "./components";
import { ENDPOINTS, TAGS } from "./endpoints";
import type { JsonObject } from "./types";

const DESCRIPTION = [
  "Every success is `{data, meta?}`; every error is `{error:{code, message, requestId, details?}}` with the status from one table. Every response carries `X-Request-Id`.",
  "Authenticate with a bearer access token (POST /api/v1/auth/token), an API key (`Authorization: Bearer sb_live_…`) or the dashboard's session cookie. `x-permission` names what a role must hold, or the scope a key needs.",
  "Requests are rate-limited in five layers (IP, person, company, endpoint group, resource); responses say where you stand in the `RateLimit*` headers, and a 429 says which layer refused and when to retry. Endpoints marked `x-cache` are served through a short server cache (`X-Cache`); send `Cache-Control: no-cache` to bypass it.",
  "Another company's ids answer 404, never 403.",
].join("\n\n");

let built: JsonObject | undefined;

/**
 * The OpenAPI 3.1 document of the API, built from lib/openapi/endpoints — that is, from the zod
 * schemas the route handlers validate and shape with. Built once per process (it is static).
 */
export function buildOpenApiDocument(): JsonObject {
  if (built) return built;
  const paths: Record<string, JsonObject> = {};
  for (const e of ENDPOINTS) {
    paths[e.path] ??= {};
    paths[e.path]![e.method.toLowerCase()] = buildOperation(e);
  }
  built = {
    openapi: "3.1.0",
    info: { title: "Switchboard API", version: CURRENT_API_VERSION, description: DESCRIPTION },
    servers: [{ url: "/", description: "This deployment" }],
    tags: TAGS,
    paths,
    components: componentsObject(),
  };
  return built;
}
