import { ApiError } from "@/lib/api/errors";

/**
 * A path whose percent-encoding does not decode to UTF-8 (`%ZZ`, a lone `%`, `%FF%FE`): Next's router
 * would throw while decoding a dynamic segment and answer a bare 500, so the gateway (and the Node
 * server in front of Next) refuses it first with a 400 in the error envelope. Edge-safe.
 */
export function malformedPathRefusal(pathname: string): ApiError | null {
  if (!pathname.includes("%")) return null;
  for (const segment of pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return new ApiError("bad_request", "The path has an invalid percent-encoding.");
    }
  }
  return null;
}
