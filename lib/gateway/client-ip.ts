/**
 * The client IP for layer 1. The edge runtime cannot see the socket, so the server in front of
 * Next (scripts/lib/server.ts locally and in Docker, the platform on Vercel) writes the socket's
 * address as the last X-Forwarded-For hop, and keeps earlier hops only when the socket is a proxy
 * listed in TRUSTED_PROXIES. Reading from the right and skipping those trusted proxies, the first
 * other address is the client: a client can prepend what it likes, never choose the result.
 */
export function clientIp(forwardedFor: string | null, trustedProxies: readonly string[]): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!trustedProxies.includes(hop)) return hop;
  }
  return hops[0] ?? "unknown";
}

export function parseTrustedProxies(value: string): string[] {
  return value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}
