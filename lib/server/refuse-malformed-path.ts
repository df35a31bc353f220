import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody } from "@/lib/api/errors";
import { malformedPathRefusal } from "@/lib/gateway/path-encoding";
import { REQUEST_ID_HEADER, resolveRequestId } from "@/lib/gateway/request-id";

/**
 * The Node server's copy of the gateway's first check: a path whose percent-encoding does not decode
 * is answered 400 in the envelope here, before Next's router tries to decode it (which throws and
 * answers a bare text/plain 500). True when it answered.
 */
export function refuseMalformedPath(req: IncomingMessage, res: ServerResponse): boolean {
  const pathname = (req.url ?? "/").split("?")[0]!;
  const refusal = malformedPathRefusal(pathname);
  if (!refusal) return false;
  const incoming = req.headers[REQUEST_ID_HEADER];
  const requestId = resolveRequestId(typeof incoming === "string" ? incoming : null);
  res.writeHead(refusal.status, { "content-type": "application/json", "cache-control": "no-store", [REQUEST_ID_HEADER]: requestId });
  res.end(JSON.stringify(errorBody(refusal, requestId)));
  return true;
}
