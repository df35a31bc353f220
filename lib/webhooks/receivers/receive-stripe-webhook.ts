import type { Logger } from "pino";
import { parseStripeEvent } from "@/lib/integrations/stripe/events";
import { constructStripeEvent, stripeHeaderProblem, stripeSignatureProblem } from "@/lib/integrations/stripe/webhook";
import { checkDeclaredBody, readRawBody } from "../receive/read-raw-body";
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
  const event = constructStripeEvent(raw, header);
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
