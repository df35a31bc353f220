import type { Logger } from "pino";
import { parseStripeEvent } from "@/lib/integrations/stripe/events";
import type Stripe from "stripe";
import { stripeHeaderProblem, stripeSignatureProblem } from "@/lib/integrations/stripe/webhook";
import { ApiError } from "@/lib/api/errors";
import { checkDeclaredBody, parseJsonBody, readRawBody } from "../receive/read-raw-body";
import { recordAndEnqueue } from "../receive/record-and-enqueue";
import { signatureError } from "../receive/signature-error";
import { WEBHOOK_MAX_BYTES } from "../receive/webhook-limits";

/**
 * One platform Stripe account, one webhook secret: `Stripe-Signature` is verified with the
 * package's `constructEvent` over the raw body (300 s tolerance) and the event deduped on
 * `event.id`. The company is found while processing (by Stripe customer, else the metadata we set
 * at checkout). Event types the product does not subscribe to are acknowledged and not recorded.
 * No lookup precedes the signature; a header that cannot verify (missing, malformed, stale) is
 * refused before the body is read.
 */
export async function receiveStripeWebhook(req: Request, log: Logger) {
  checkDeclaredBody(req, WEBHOOK_MAX_BYTES.stripe);
  const header = req.headers.get("stripe-signature");
  const headerProblem = stripeHeaderProblem(header);
  if (headerProblem) throw signatureError("stripe", headerProblem, log);
  const raw = await readRawBody(req, WEBHOOK_MAX_BYTES.stripe);
  const problem = stripeSignatureProblem(raw, header);
  if (problem) throw signatureError("stripe", problem, log);
  // A signed body is still input: JSON within the depth limit, and an event (an object with an id and a type).
  const body = parseJsonBody(raw);
  if (!isEventShaped(body)) throw new ApiError("bad_request", "The body is not a Stripe event.");
  // Verified above (stripeSignatureProblem runs constructEvent); this parse has lone surrogates made safe for MySQL.
  const event = body as Stripe.Event;
  // Validates the object of a handled event now (400 if it breaks the contract) rather than in the worker.
  if (!parseStripeEvent(event)) return { received: true, ignored: true };
  return recordAndEnqueue({
    provider: "stripe",
    eventId: event.id,
    eventType: event.type,
    companyId: null,
    payload: event as unknown as Record<string, unknown>,
  });
}

function isEventShaped(body: unknown): boolean {
  if (!body || typeof body !== "object" || Array.isArray(body)) return false;
  const { id, type, data } = body as Record<string, unknown>;
  return typeof id === "string" && id.length > 0 && id.length <= 255 && typeof type === "string" && !!data && typeof data === "object";
}
