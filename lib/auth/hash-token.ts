import { createHash } from "node:crypto";

/**
 * SHA-256 hex of a secret (API key, refresh token) or of an identifier we must not store in clear
 * (a login email in a limiter key). The gateway (proxy.ts, on Node) hashes presented API keys with the
 * very same function: only hashes leave the request. node:crypto, synchronous: no thread-pool hop.
 */
export async function hashToken(value: string): Promise<string> {
  return createHash("sha256").update(value, "utf8").digest("hex");
}
