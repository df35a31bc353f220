import type { IncomingHttpHeaders } from "node:http";
import { TRACE_CONTEXT_HEADERS } from "@/lib/gateway/strip-gateway-headers";

/**
 * What the Node server in front of Next does to a request's headers before Next sees them (Next's
 * proxy cannot see the socket, and Next's request handler adopts a `traceparent` as the parent of its
 * root span before the proxy runs):
 * - the socket's address becomes the last X-Forwarded-For hop; earlier hops are kept only when the
 *   socket is a proxy listed in TRUSTED_PROXIES (lib/gateway/client-ip.ts reads it back);
 * - from anyone else, X-Real-IP and the trace context are dropped: a client can neither pick the trace
 *   id our spans and stored traces carry nor set the sampled flag and have every request it sends traced.
 * Mutates `headers` (Node's IncomingMessage headers).
 */
export function prepareForwardedHeaders(headers: IncomingHttpHeaders, socketAddress: string | undefined, trusted: readonly string[]): void {
  const peer = (socketAddress ?? "unknown").replace(/^::ffff:/, "");
  const forwarded = headers["x-forwarded-for"];
  const chain = Array.isArray(forwarded) ? forwarded.join(", ") : forwarded;
  const fromTrustedProxy = trusted.includes(peer);
  headers["x-forwarded-for"] = fromTrustedProxy && chain ? `${chain}, ${peer}` : peer;
  if (fromTrustedProxy) return;
  delete headers["x-real-ip"];
  // W3C Trace Context and baggage: honoured only from a proxy we trust (it may run the trace).
  for (const name of TRACE_CONTEXT_HEADERS) delete headers[name];
}
