import { eq } from "drizzle-orm";
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { companySettings } from "@/lib/db/schema/company-settings";
import { integrationsEnv } from "@/lib/env/integrations";
import { isId } from "@/lib/ids/is-id";
import { parseSendgridWebhook } from "@/lib/integrations/sendgrid/events";
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  sendgridHeaderProblem,
  sendgridSignatureProblem,
} from "@/lib/integrations/sendgrid/signature";
import { checkDeclaredBody, parseJsonBody, readRawBody } from "../receive/read-raw-body";
import { recordAndEnqueue } from "../receive/record-and-enqueue";
import { signatureError } from "../receive/signature-error";
import { WEBHOOK_MAX_BYTES } from "../receive/webhook-limits";

/**
 * SendGrid's event webhook: a JSON array of events, ECDSA P-256 over timestamp + raw body, refused
 * beyond 5 minutes. The platform's SendGrid account posts to `/api/webhooks/sendgrid` (verified with
 * SENDGRID_WEBHOOK_PUBLIC_KEY); a company sending through its own account posts to
 * `/api/webhooks/sendgrid?company=<id>` (its own public key from settings, else the platform's), and
 * only events naming that company (custom arg `sb_company_id`) are then used. The headers alone
 * (missing, malformed, stale) are judged before the body is read or the company's key looked up.
 *
 * One delivery = one webhook_events row (identity: hash of its sg_event_ids), so a replayed batch
 * is a duplicate; events are deduped again one by one on sg_event_id when processed, so a batch
 * that overlaps an earlier one adds only what is new.
 */
export async function receiveSendgridWebhook(req: Request, log: Logger) {
  const companyId = new URL(req.url).searchParams.get("company");
  if (companyId !== null && !isId(companyId)) throw new ApiError("bad_request", "Invalid company in the webhook URL.");
  checkDeclaredBody(req, WEBHOOK_MAX_BYTES.sendgrid);
  const signature = req.headers.get(SENDGRID_SIGNATURE_HEADER);
  const timestamp = req.headers.get(SENDGRID_TIMESTAMP_HEADER);
  const headerProblem = sendgridHeaderProblem(signature, timestamp);
  if (headerProblem) throw signatureError("sendgrid", headerProblem, log);
  const raw = await readRawBody(req, WEBHOOK_MAX_BYTES.sendgrid);

  let publicKey = integrationsEnv().SENDGRID_WEBHOOK_PUBLIC_KEY;
  if (companyId) {
    const [own] = await getDb()
      .select({ key: companySettings.sendgridWebhookPublicKey })
      .from(companySettings)
      .where(eq(companySettings.companyId, companyId))
      .limit(1);
    publicKey = own?.key ?? publicKey;
  }
  const problem = sendgridSignatureProblem(raw, signature, timestamp, publicKey);
  if (problem) throw signatureError("sendgrid", problem, log);

  const body = parseJsonBody(raw);
  const events = parseSendgridWebhook(body);
  if (events.length === 0) return { received: true, ignored: true };
  const ids = events.map((e) => e.sg_event_id).sort();
  const eventId = `batch:${createHash("sha256").update(ids.join("\n")).digest("hex")}`;
  return recordAndEnqueue({ provider: "sendgrid", eventId, eventType: "batch", companyId, payload: { events: body as unknown[] } });
}
