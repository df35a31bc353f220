import { ApiError } from "@/lib/api/errors";
import { allowedApiMethods } from "./match-api-route";
import { malformedPathRefusal } from "./path-encoding";

/**
 * Before anything else about an /api request: a path no route takes is a 404 and a method the route
 * does not export a 405 with `Allow`, both in the error envelope — for every caller alike and before
 * authentication, so a wrong URL never costs a Redis trip for a key, a MySQL read on the miss path,
 * or a redirect to the sign-in page. A path that does not even decode is a 400. Null when the route
 * exists and takes the method.
 */
export function apiPathRefusal(method: string, pathname: string): ApiError | null {
  if (pathname !== "/api" && !pathname.startsWith("/api/")) return null;
  const malformed = malformedPathRefusal(pathname);
  if (malformed) return malformed;
  const allow = allowedApiMethods(pathname);
  if (!allow) return new ApiError("not_found", "There is no API endpoint at this path.");
  if (allow.includes(method)) return null;
  return new ApiError("method_not_allowed", `${method} is not allowed here. Allowed: ${allow.join(", ")}.`, {
    headers: { allow: allow.join(", ") },
  });
}
