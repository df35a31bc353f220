import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { isId } from "@/lib/ids/is-id";
import { parseCalcomWebhook } from "@/lib/integrations/calcom/events";
import { calcomHeaderProblem, calcomSignatureProblem } from "@/lib/integrations/calcom/signature";
import { IntegrationNotConfiguredError } from "@/lib/integrations/credentials";
import { calcomVerificationSecret } from "../receive/calcom-verification-secret";
import { CALCOM_HANDLED_EVENTS } from "../handlers/calcom-handled-events";
import { checkDeclaredBody, parseJsonBody, readRawBody } from "../receive/read-raw-body";
import { recordAndEnqueue } from "../receive/record-and-enqueue";
import { signatureError } from "../receive/signature-error";
import { WEBHOOK_MAX_BYTES } from "../receive/webhook-limits";

/**
 * Cal.com's webhook names no account, so each company registers its own URL:
 * `/api/webhooks/calcom?company=<company id>`. The signature (`X-Cal-Signature-256`, HMAC of the raw
 * body) is checked with that company's webhook secret (or the platform's), so a delivery to one
 * company's URL signed for another does not verify. Order: declared type and size, then the header
 * alone (missing or not a digest: refused before the body is read), then the body, then the one
 * lookup the secret needs (company_settings by the URL's company; while MySQL is down, the encrypted
 * copy in Redis — calcomVerificationSecret), the signature, and only then whether the company exists. Cal.com signs no timestamp: a replay carries a
 * valid signature and is recognised by its identity `<trigger>:<uid>:<createdAt>` (duplicate).
 * Triggers the product does not handle (PING, MEETING_*, …) are acknowledged and not recorded.
 */
export async function receiveCalcomWebhook(req: Request, log: Logger) {
  const companyId = new URL(req.url).searchParams.get("company");
  if (!isId(companyId))
    throw new ApiError("bad_request", "The webhook URL must name the company: /api/webhooks/calcom?company=<company id>.");
  checkDeclaredBody(req, WEBHOOK_MAX_BYTES.calcom);
  const header = req.headers.get("x-cal-signature-256");
  const headerProblem = calcomHeaderProblem(header);
  if (headerProblem) throw signatureError("calcom", headerProblem, log);
  const raw = await readRawBody(req, WEBHOOK_MAX_BYTES.calcom);

  let secret: string;
  let fromCopy: boolean;
  try {
    ({ secret, fromCopy } = await calcomVerificationSecret(companyId));
  } catch (err) {
    if (err instanceof IntegrationNotConfiguredError) throw signatureError("calcom", "no_secret", log);
    throw err;
  }
  const problem = calcomSignatureProblem(raw, header, secret);
  if (problem) throw signatureError("calcom", problem, log);
  // With MySQL down the secret came from its copy, which exists only for a company MySQL once had.
  if (!fromCopy) {
    const [company] = await getDb().select({ id: companies.id }).from(companies).where(eq(companies.id, companyId)).limit(1);
    if (!company) throw new ApiError("not_found", "No such company.");
  }

  const body = parseJsonBody(raw);
  const { webhook, eventId } = parseCalcomWebhook(body);
  if (!(CALCOM_HANDLED_EVENTS as readonly string[]).includes(webhook.triggerEvent)) return { received: true, ignored: true };
  return recordAndEnqueue({
    provider: "calcom",
    eventId,
    eventType: webhook.triggerEvent,
    companyId,
    payload: body as Record<string, unknown>,
  });
}
