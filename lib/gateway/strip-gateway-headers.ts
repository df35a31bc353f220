/** Prefix of every header the gateway sets for handlers; a client may never send one. */
export const GATEWAY_HEADER_PREFIX = "x-gateway-";

/**
 * W3C Trace Context: never handed to handlers. What stops a client choosing the trace (Next adopts a
 * `traceparent` before the proxy runs) is the Node server in front of Next, which drops these unless a
 * trusted proxy sent them (lib/server/forwarded-headers.ts); this keeps them out of handlers' headers too.
 */
export const TRACE_CONTEXT_HEADERS = ["traceparent", "tracestate", "baggage"] as const;
const CLIENT_TRACE_HEADERS = new Set<string>(TRACE_CONTEXT_HEADERS);

/** Copies the request headers without any client-sent `x-gateway-*` or trace context, so identity cannot be forged. */
export function stripGatewayHeaders(incoming: Headers): Headers {
  const headers = new Headers();
  incoming.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (!lower.startsWith(GATEWAY_HEADER_PREFIX) && !CLIENT_TRACE_HEADERS.has(lower)) headers.append(name, value);
  });
  return headers;
}
