/** Prefix of every header the gateway sets for handlers; a client may never send one. */
export const GATEWAY_HEADER_PREFIX = "x-gateway-";

/** Copies the request headers without any client-sent `x-gateway-*`, so identity cannot be forged. */
export function stripGatewayHeaders(incoming: Headers): Headers {
  const headers = new Headers();
  incoming.forEach((value, name) => {
    if (!name.toLowerCase().startsWith(GATEWAY_HEADER_PREFIX)) headers.append(name, value);
  });
  return headers;
}
