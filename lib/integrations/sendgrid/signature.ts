import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { rawBytes, type RawBody, type SignatureProblem } from "../webhooks/hmac";

/** Deliveries signed longer ago than this (or this far in the future) are refused as replays. */
export const SENDGRID_SIGNATURE_TOLERANCE_SEC = 300;

export const SENDGRID_SIGNATURE_HEADER = "x-twilio-email-event-webhook-signature";
export const SENDGRID_TIMESTAMP_HEADER = "x-twilio-email-event-webhook-timestamp";

const keys = new Map<string, KeyObject>();

/** SendGrid shows the verification key as base64 DER (SubjectPublicKeyInfo); a PEM works too. */
export function sendgridPublicKey(key: string): KeyObject {
  let k = keys.get(key);
  if (!k) {
    k = key.includes("BEGIN PUBLIC KEY")
      ? createPublicKey(key)
      : createPublicKey({ key: Buffer.from(key.replace(/\s+/g, ""), "base64"), format: "der", type: "spki" });
    if (k.asymmetricKeyType !== "ec") throw new TypeError("SendGrid's webhook verification key must be an ECDSA (P-256) public key");
    keys.set(key, k);
  }
  return k;
}

/**
 * Why a SendGrid event-webhook delivery does not verify, or null when it does: an ECDSA P-256 /
 * SHA-256 signature (base64 DER, `X-Twilio-Email-Event-Webhook-Signature`) over `timestamp + rawBody`
 * (`X-Twilio-Email-Event-Webhook-Timestamp`, epoch seconds), checked with the configured public key.
 * The body is a JSON array of events; dedupe each on `sg_event_id`.
 */
export function sendgridSignatureProblem(
  rawBody: RawBody,
  signature: string | null | undefined,
  timestamp: string | null | undefined,
  publicKey: string | undefined,
  now = Date.now(),
): SignatureProblem | null {
  if (!publicKey) return "no_secret";
  const headerProblem = sendgridHeaderProblem(signature, timestamp, now);
  if (headerProblem || !signature || !timestamp) return headerProblem ?? "missing";
  let key: KeyObject;
  try {
    key = sendgridPublicKey(publicKey);
  } catch {
    return "no_secret";
  }
  const signed = Buffer.concat([Buffer.from(timestamp.trim(), "utf8"), rawBytes(rawBody)]);
  try {
    return verify("sha256", signed, { key, dsaEncoding: "der" }, Buffer.from(signature.trim(), "base64")) ? null : "mismatch";
  } catch {
    // A signature that is not DER at all.
    return "malformed";
  }
}

/** What the two headers alone tell (missing, malformed, outside 300 s): refused before the body is read or a key looked up. */
export function sendgridHeaderProblem(
  signature: string | null | undefined,
  timestamp: string | null | undefined,
  now = Date.now(),
): "missing" | "malformed" | "stale" | null {
  if (!signature || !timestamp) return "missing";
  if (!/^\d{9,11}$/.test(timestamp.trim()) || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature.trim())) return "malformed";
  return Math.abs(now / 1000 - Number(timestamp)) > SENDGRID_SIGNATURE_TOLERANCE_SEC ? "stale" : null;
}

export function verifySendgridSignature(
  rawBody: RawBody,
  signature: string | null | undefined,
  timestamp: string | null | undefined,
  publicKey: string | undefined,
  now = Date.now(),
): boolean {
  return sendgridSignatureProblem(rawBody, signature, timestamp, publicKey, now) === null;
}
