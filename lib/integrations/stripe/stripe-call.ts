import type { z } from "zod";
import Stripe from "stripe";
import type { BreakerResult } from "@/lib/breaker/with-breaker";
import { callVendor, RATE_LIMIT_RETRY, READ_RETRY, type CallOptions } from "../http/call-vendor";
import { retryDelayMs } from "../http/retry-delay";
import { VendorError } from "../http/vendor-error";
import type { StripeConnection } from "./connection";

/**
 * One call of the `stripe` package through the Stripe breaker, its errors turned into VendorErrors
 * (a card decline is an answer, not an outage). The package retries connection errors and 5xx itself
 * with the same idempotency key; we add one retry of a 429 after the wait Stripe asks for (a 429 was
 * not processed). Reads may also be retried on an outage.
 */
export function stripeCall<T>(
  conn: StripeConnection,
  fn: (stripe: Stripe) => Promise<T>,
  opts: CallOptions<T> & { read?: boolean } = {},
): Promise<BreakerResult<T>> {
  return callVendor(
    conn.breaker,
    async () => {
      try {
        return await fn(conn.stripe);
      } catch (err) {
        throw toVendorError(err);
      }
    },
    { fallback: opts.fallback, retry: opts.read ? READ_RETRY : RATE_LIMIT_RETRY },
  );
}

function toVendorError(err: unknown): unknown {
  if (!(err instanceof Stripe.errors.StripeError)) return err;
  const headers = new Headers();
  for (const [k, v] of Object.entries(err.headers ?? {})) if (typeof v === "string") headers.set(k, v);
  return new VendorError("stripe", err.statusCode ?? null, {
    vendorCode: err.code ?? err.type,
    retryAfterMs: retryDelayMs(headers),
    cause: err,
    detail: err.message,
  });
}

/** Zod at the boundary: a Stripe object that breaks our contract is a malformed answer (502), not a 400. */
export function parseStripeObject<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VendorError("stripe", 200, { malformed: true, detail: issue ? `${issue.path.join(".")}: ${issue.message}` : undefined });
  }
  return parsed.data;
}
