import Stripe from "stripe";
import { integrationsEnv } from "@/lib/env/integrations";
import type { RawBody, SignatureProblem } from "../webhooks/hmac";

/** Stripe's default and ours: a signature older than this many seconds is refused. */
export const STRIPE_SIGNATURE_TOLERANCE_SEC = 300;

/**
 * Verifies `Stripe-Signature` over the raw body with the package's `constructEvent` (300 s
 * tolerance) and returns the event. Throws `Stripe.errors.StripeSignatureVerificationError` on a
 * forged, tampered or stale delivery, and refuses to run without a secret. Dedupe on `event.id`.
 */
export function constructStripeEvent(
  rawBody: RawBody,
  signature: string | null | undefined,
  opts: { secret?: string; now?: number } = {},
): Stripe.Event {
  const secret = opts.secret ?? integrationsEnv().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new Error("Stripe webhooks cannot be verified: set STRIPE_WEBHOOK_SECRET");
  // Static: verifying needs no API key and makes no request.
  return Stripe.webhooks.constructEvent(
    typeof rawBody === "string" ? rawBody : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength),
    signature ?? "",
    secret,
    STRIPE_SIGNATURE_TOLERANCE_SEC,
    undefined,
    opts.now,
  );
}

/**
 * What `Stripe-Signature` alone tells — missing, no `t=` timestamp or no `v1=` signature, or a
 * timestamp outside the tolerance — so the receiver refuses it before reading the body. The full
 * check (constructEvent) still decides everything else.
 */
export function stripeHeaderProblem(signature: string | null | undefined, now = Date.now()): "missing" | "malformed" | "stale" | null {
  if (!signature) return "missing";
  const t = /(?:^|,)\s*t=(\d{1,12})\s*(?:,|$)/.exec(signature)?.[1];
  if (!t || !/(?:^|,)\s*v1=[0-9a-f]{64}\s*(?:,|$)/.test(signature)) return "malformed";
  return Math.abs(now / 1000 - Number(t)) > STRIPE_SIGNATURE_TOLERANCE_SEC ? "stale" : null;
}

/** Why a Stripe delivery does not verify, or null when it does. */
export function stripeSignatureProblem(
  rawBody: RawBody,
  signature: string | null | undefined,
  opts: { secret?: string; now?: number } = {},
): SignatureProblem | null {
  if (!(opts.secret ?? integrationsEnv().STRIPE_WEBHOOK_SECRET)) return "no_secret";
  if (!signature) return "missing";
  try {
    constructStripeEvent(rawBody, signature, opts);
    return null;
  } catch (err) {
    if (!(err instanceof Stripe.errors.StripeSignatureVerificationError)) return "malformed";
    if (/tolerance/i.test(err.message)) return "stale";
    if (/Unable to extract timestamp/i.test(err.message)) return "malformed";
    return "mismatch";
  }
}

export function verifyStripeSignature(
  rawBody: RawBody,
  signature: string | null | undefined,
  opts: { secret?: string; now?: number } = {},
): boolean {
  return stripeSignatureProblem(rawBody, signature, opts) === null;
}
