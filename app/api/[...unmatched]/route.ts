import { defineRoute } from "@/lib/api/define-route";
import { ApiError } from "@/lib/api/errors";

export const dynamic = "force-dynamic";

// ANY /api/<no route> — the backstop behind the edge's 404 (lib/gateway/api-path-refusal.ts): without it, an /api path
// no route takes would fall through to the dashboard's catch-all page and answer HTML. Not in lib/gateway/api-routes.ts.
const notFound = defineRoute({ auth: "none" }, async () => {
  throw new ApiError("not_found", "There is no API endpoint at this path.");
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
