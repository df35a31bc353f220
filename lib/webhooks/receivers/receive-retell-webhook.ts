import type { Logger } from "pino";
import { ApiError } from "@/lib/api/errors";
import { IntegrationNotConfiguredError, resolveCredential } from "@/lib/integrations/credentials";
import { parseRetellWebhook } from "@/lib/integrations/retell/events";
import { findCompanyForRetellCall } from "@/lib/integrations/retell/find-company-for-call";
import { retellHeaderProblem, retellSignatureProblem } from "@/lib/integrations/retell/signature";
import { checkDeclaredBody, parseJsonBody, readRawBody } from "../receive/read-raw-body";
import { recordAndEnqueue } from "../receive/record-and-enqueue";
import { signatureError } from "../receive/signature-error";
import { WEBHOOK_MAX_BYTES } from "../receive/webhook-limits";

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/**
 * Retell signs with the API key of the account the call belongs to, so the company comes first:
 * from the unverified body we read only agent id, numbers and direction, to pick the key
 * (`findCompanyForRetellCall`). That lookup and the key's are the only ones the secret needs, and
 * they come after everything that can be checked without them: the declared type and size, then the
 * header alone (missing, malformed or outside the 5-minute window — no body is read for those).
 * Nothing else is read, and nothing is acted on, before the signature (HMAC over body + timestamp)
 * verifies. Events other than call_started/ended/analyzed are acknowledged and not recorded.
 */
export async function receiveRetellWebhook(req: Request, log: Logger) {
  checkDeclaredBody(req, WEBHOOK_MAX_BYTES.retell);
  const header = req.headers.get("x-retell-signature");
  const headerProblem = retellHeaderProblem(header);
  if (headerProblem) throw signatureError("retell", headerProblem, log);
  const raw = await readRawBody(req, WEBHOOK_MAX_BYTES.retell);
  const body = parseJsonBody(raw);
  const call = (body as { call?: Record<string, unknown> } | null)?.call;
  const companyId =
    call && typeof call === "object"
      ? await findCompanyForRetellCall({
          agent_id: str(call.agent_id),
          from_number: str(call.from_number),
          to_number: str(call.to_number),
          direction: str(call.direction),
        })
      : null;
  if (!companyId) throw signatureError("retell", "unknown_account", log);

  let apiKey: string;
  try {
    apiKey = (await resolveCredential(companyId, "retellApiKey")).value;
  } catch (err) {
    if (err instanceof IntegrationNotConfiguredError) throw signatureError("retell", "no_secret", log);
    throw err;
  }
  const problem = retellSignatureProblem(raw, header, apiKey);
  if (problem) throw signatureError("retell", problem, log);

  const parsed = parseRetellWebhook(body);
  if (parsed.kind === "unknown") return { received: true, ignored: true };
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new ApiError("bad_request");
  return recordAndEnqueue({
    provider: "retell",
    eventId: parsed.eventId,
    eventType: parsed.webhook.event,
    companyId,
    payload: body as Record<string, unknown>,
  });
}
