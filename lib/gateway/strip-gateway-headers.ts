/** Prefix of every header the gateway sets for handlers; a client may never send one. */
export const GATEWAY_HEADER_PREFIX = "x-gateway-";

/**
 * W3C Trace Context from the client: dropped, so a caller cannot pick the trace id our spans and
 * stored traces carry, nor force sampling on (a `-01` flag under a parent-based sampler) and make the
 * server trace every request it sends. Each request starts its own trace here.
 */
const CLIENT_TRACE_HEADERS = new Set(["traceparent", "tracestate", "baggage"]);

/** Copies the request headers without any client-sent `x-gateway-*` or trace context, so identity cannot be forged. */
export function stripGatewayHeaders(incoming: Headers): Headers {
  const headers = new Headers();
  incoming.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (!lower.startsWith(GATEWAY_HEADER_PREFIX) && !CLIENT_TRACE_HEADERS.has(lower)) headers.append(name, value);
  });
  return headers;
}
