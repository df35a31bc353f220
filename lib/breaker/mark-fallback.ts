/**
 * Marks a response answered by a fallback: `X-Gateway-Fallback: <dependency>`, so clients and
 * dashboards can tell degraded data from live data. Copies responses whose headers are immutable.
 */
export function markFallback(response: Response, dependency: string): Response {
  try {
    response.headers.set("x-gateway-fallback", dependency);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set("x-gateway-fallback", dependency);
    return copy;
  }
}
