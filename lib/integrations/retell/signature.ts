import { hexDigestsEqual, hmacSha256Hex, type RawBody, type SignatureProblem } from "../webhooks/hmac";

/** Retell's window: a signature older (or further in the future) than this is refused. */
export const RETELL_SIGNATURE_TOLERANCE_MS = 5 * 60_000;

const HEADER = /^v=(\d{10,16}),d=([0-9a-fA-F]{64})$/;

/** `x-retell-signature: v=<epoch ms>,d=<hex HMAC-SHA256(api key, rawBody + timestamp)>`. */
export function signRetellPayload(rawBody: RawBody, apiKey: string, timestampMs = Date.now()): string {
  return `v=${timestampMs},d=${hmacSha256Hex(apiKey, rawBody, String(timestampMs))}`;
}

/**
 * What can be told from the header alone — missing, malformed or outside the 5-minute window — so a
 * receiver refuses those before reading the body or looking up whose key signed it. Null when the
 * header may verify.
 */
export function retellHeaderProblem(header: string | null | undefined, now = Date.now()): "missing" | "malformed" | "stale" | null {
  if (!header) return "missing";
  const m = HEADER.exec(header.trim());
  if (!m) return "malformed";
  return Math.abs(now - Number(m[1])) > RETELL_SIGNATURE_TOLERANCE_MS ? "stale" : null;
}

/**
 * Why an `x-retell-signature` does not verify, or null when it does. Retell signs with the API key
 * of the account the call belongs to; verify against the raw body, before parsing anything you act on.
 */
export function retellSignatureProblem(
  rawBody: RawBody,
  header: string | null | undefined,
  apiKey: string,
  now = Date.now(),
): SignatureProblem | null {
  if (!apiKey) return "no_secret";
  const headerProblem = retellHeaderProblem(header, now);
  if (headerProblem) return headerProblem;
  const m = HEADER.exec(header!.trim())!;
  return hexDigestsEqual(hmacSha256Hex(apiKey, rawBody, m[1]!), m[2]!) ? null : "mismatch";
}

/** True when `x-retell-signature` is Retell's, for this body, within 5 minutes of `now`. */
export function verifyRetellSignature(rawBody: RawBody, header: string | null | undefined, apiKey: string, now = Date.now()): boolean {
  return retellSignatureProblem(rawBody, header, apiKey, now) === null;
}
