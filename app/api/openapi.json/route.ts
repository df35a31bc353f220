import { defineRoute } from "@/lib/api/define-route";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";

// GET /api/openapi.json — the OpenAPI 3.1 document (bare, no envelope), generated from the zod schemas the handlers use; public
export const GET = defineRoute({ auth: "none" }, async () => {
  return Response.json(buildOpenApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
});
