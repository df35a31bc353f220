import { eq, sql } from "drizzle-orm";
import { calls } from "@/lib/db/schema/calls";
import type { Tx } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";
import { isE164 } from "@/lib/phone/is-e164";
import { customerOfCompany } from "@/lib/services/customers/customer-of-company";
import { upsertCustomerByPhone } from "@/lib/services/customers/upsert-customer-by-phone";
import { adjustCallDayCounts } from "./adjust-call-day-counts";
import { isBookedCall } from "./is-booked-call";
import { mergeCall } from "./merge-call";
import type { RetellCallFacts } from "./retell-call-facts";

export interface AppliedCall {
  callId: string;
  created: boolean;
  changed: boolean;
  customerCreated: boolean;
}

/**
 * Upserts the calls row of a Retell call (by retell_call_id) and links its customer (by the other
 * party's number, created when new). The row is created if missing, then locked and merged
 * (mergeCall), so concurrent events of one call are applied one after the other. Null when the
 * Retell id belongs to another company's row (never touched).
 */
export async function applyRetellCall(tx: Tx, companyId: string, facts: RetellCallFacts): Promise<AppliedCall | null> {
  const startedAt = facts.startedAt ?? new Date();
  const id = createId("call", { at: startedAt });
  await tx
    .insert(calls)
    .values({
      id,
      companyId,
      retellCallId: facts.retellCallId,
      direction: facts.direction,
      status: facts.status,
      startedAt,
      agentId: facts.agentId ?? null,
      fromNumber: facts.fromNumber ?? null,
      toNumber: facts.toNumber ?? null,
    })
    .onDuplicateKeyUpdate({ set: { id: sql`${calls.id}`, updatedAt: sql`${calls.updatedAt}` } });
  const [row] = await tx.select().from(calls).where(eq(calls.retellCallId, facts.retellCallId)).limit(1).for("update");
  if (!row || row.companyId !== companyId) return null;

  const changes = mergeCall(row, facts);
  let customerCreated = false;
  if (!row.customerId) {
    const ours = await customerOfCompany(tx, companyId, facts.customerId);
    const counterpart = facts.direction === "outbound" ? facts.toNumber : facts.fromNumber;
    if (ours) changes.customerId = ours;
    else if (isE164(counterpart)) {
      const customer = await upsertCustomerByPhone(tx, companyId, counterpart, { name: facts.customerName });
      changes.customerId = customer.id;
      customerCreated = customer.created;
    }
  }
  const changed = Object.keys(changes).length > 0;
  if (changed) await tx.update(calls).set(changes).where(eq(calls.id, row.id));
  const created = row.id === id;
  // The day counts follow the row: a new call counts once, a redelivery that changes nothing, nothing.
  if (created || changed) {
    const booked = !created && changes.startedAt !== undefined && (await isBookedCall(tx, companyId, row.id));
    await adjustCallDayCounts(tx, companyId, created ? null : { ...row, booked }, { ...row, ...changes, booked });
  }
  return { callId: row.id, created, changed, customerCreated };
}
