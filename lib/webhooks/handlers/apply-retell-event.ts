import type { CallStatus } from "@/lib/db/schema/calls";
import { writeTransaction } from "@/lib/db/write-transaction";
import { retellWebhookSchema } from "@/lib/integrations/retell/events";
import { applyRetellCall } from "@/lib/services/calls/apply-retell-call";
import { retellCallFacts } from "@/lib/services/calls/retell-call-facts";
import { nothingDone, type WebhookHandlerContext, type WebhookOutcome } from "./types";

/**
 * What the three Retell handlers share: the call in the payload, upserted with the status the event
 * proves at least; `calls.created` (and `customers.updated` when the caller was new) for the cache.
 */
export async function applyRetellEvent({ event, log }: WebhookHandlerContext, implied: CallStatus): Promise<WebhookOutcome> {
  const companyId = event.companyId;
  if (!companyId) return nothingDone(null, "retell event without company");
  const { call } = retellWebhookSchema.parse(event.payload);
  const applied = await writeTransaction((tx) => applyRetellCall(tx, companyId, retellCallFacts(call, implied)));
  if (!applied) {
    log.warn({ companyId }, "retell: the call id belongs to another company; nothing written");
    return nothingDone(companyId, "call of another company");
  }
  return {
    companyId,
    events: [
      { event: "calls.created", companyId },
      ...(applied.customerCreated ? [{ event: "customers.updated" as const, companyId }] : []),
    ],
  };
}
