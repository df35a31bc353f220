import { createHmac, timingSafeEqual } from "node:crypto";

/** A webhook body exactly as received: the text or the bytes, never a re-serialised object. */
export type RawBody = string | Uint8Array;

export function rawBytes(body: RawBody): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** Hex HMAC-SHA256 of the concatenated parts. */
export function hmacSha256Hex(key: string, ...parts: RawBody[]): string {
  const mac = createHmac("sha256", key);
  for (const part of parts) mac.update(rawBytes(part));
  return mac.digest("hex");
}

/** Constant-time comparison of two hex digests; false (not a throw) for malformed or unequal lengths. */
export function hexDigestsEqual(expectedHex: string, givenHex: string): boolean {
  if (!/^[0-9a-f]+$/i.test(givenHex) || givenHex.length !== expectedHex.length) return false;
  return timingSafeEqual(Buffer.from(expectedHex, "hex"), Buffer.from(givenHex.toLowerCase(), "hex"));
}

/** Why a delivery was refused; null when it verified. For logs and metrics, never for the sender. */
export type SignatureProblem = "no_secret" | "missing" | "malformed" | "stale" | "mismatch";
