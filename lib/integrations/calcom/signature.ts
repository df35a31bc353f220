import { hexDigestsEqual, hmacSha256Hex, type RawBody, type SignatureProblem } from "../webhooks/hmac";

/** `X-Cal-Signature-256`: hex HMAC-SHA256(webhook secret, raw body). */
export function signCalcomPayload(rawBody: RawBody, secret: string): string {
  return hmacSha256Hex(secret, rawBody);
}

/**
 * Why an `X-Cal-Signature-256` does not verify, or null when it does. Cal.com signs no timestamp,
 * so a replay carries a valid signature: dedupe on `calcomEventId` (webhook_events' unique key).
 */
export function calcomSignatureProblem(rawBody: RawBody, header: string | null | undefined, secret: string): SignatureProblem | null {
  if (!secret) return "no_secret";
  const headerProblem = calcomHeaderProblem(header);
  if (headerProblem) return headerProblem;
  return hexDigestsEqual(signCalcomPayload(rawBody, secret), header!.trim().replace(/^sha256=/, "")) ? null : "mismatch";
}

/** What the header alone tells (missing or not a hex digest): refused before the body is read or the secret looked up. */
export function calcomHeaderProblem(header: string | null | undefined): "missing" | "malformed" | null {
  if (!header) return "missing";
  return /^[0-9a-fA-F]{64}$/.test(header.trim().replace(/^sha256=/, "")) ? null : "malformed";
}

export function verifyCalcomSignature(rawBody: RawBody, header: string | null | undefined, secret: string): boolean {
  return calcomSignatureProblem(rawBody, header, secret) === null;
}
