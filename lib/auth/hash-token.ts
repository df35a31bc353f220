const encoder = new TextEncoder();

/**
 * SHA-256 hex of a secret (API key, refresh token) or of an identifier we must not store in clear
 * (a login email in a limiter key). Web Crypto only, so the edge hashes presented API keys with the
 * very same function: only hashes leave the request.
 */
export async function hashToken(value: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value)));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}
