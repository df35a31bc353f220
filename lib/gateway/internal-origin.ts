/**
 * Where the edge reaches the Node side on its miss path (lib/gateway/resolve.ts): from configuration
 * only — INTERNAL_APP_URL, else the public APP_URL, else NEXTAUTH_URL. Never the request's own origin:
 * that comes from the Host header, which a client chooses, and the miss path posts a signed body
 * there. Null when none is set: the miss path then fails closed (503).
 */
export function internalOrigin(env: Record<string, string | undefined> = process.env): string | null {
  for (const name of ["INTERNAL_APP_URL", "APP_URL", "NEXTAUTH_URL"] as const) {
    const value = env[name]?.trim();
    if (!value) continue;
    try {
      const url = new URL(value);
      if (url.protocol === "http:" || url.protocol === "https:") return url.origin;
    } catch {
      // Not a URL: try the next one (the Node side's env parsing reports it at start).
    }
  }
  return null;
}
