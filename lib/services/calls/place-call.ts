import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { invalidate } from "@/lib/cache/invalidate";
import { getDb } from "@/lib/db/client";
import { companySettings } from "@/lib/db/schema/company-settings";
import { customers, type Customer } from "@/lib/db/schema/customers";
import { findOneOr404, forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import { retellClientForCompany } from "@/lib/integrations/for-company";
import type { VendorDeps } from "@/lib/integrations/vendor-deps";
import { getRedis, redisKey } from "@/lib/redis/client";
import { applyRetellCall } from "./apply-retell-call";
import { retellCallFacts } from "./retell-call-facts";
import { placeCallSchema, type PlaceCallInput } from "./schemas";

export interface PlacedCall {
  id: string;
  retellCallId: string;
  status: string;
  from: string;
  to: string;
  customerId: string | null;
}

/** How long one dial may hold the line lock (longer than a create plus its reconciliation). */
const DIAL_LOCK_MS = 60_000;

/**
 * Has the voice agent phone someone, from the company's Retell number. Never dials twice:
 * - while one dial is in flight, another for the same number (or the same idempotency key) is
 *   refused with 409 (a Redis lock shared by every instance);
 * - a create whose answer was lost is looked up at Retell before being sent again, and a client's
 *   `idempotencyKey` makes a retried request find its earlier call (lib/integrations/retell).
 * The calls row is written at once (registered, outbound) with the same upsert the call_* webhooks
 * use. Emits `calls.created`.
 */
export async function placeCall(companyId: string, input: PlaceCallInput, deps: VendorDeps = {}): Promise<PlacedCall> {
  const req = placeCallSchema.parse(input);
  const db = getDb();
  const [settings] = await db
    .select({ from: companySettings.retellPhoneNumber, agentId: companySettings.retellAgentId })
    .from(companySettings)
    .where(eq(companySettings.companyId, companyId))
    .limit(1);
  const from = settings?.from;
  if (!from) throw new ApiError("unprocessable_entity", "Set the company's Retell phone number in Settings before placing calls.");
  let customer: Customer | null = null;
  if (req.customerId)
    customer = await findOneOr404(
      db
        .select()
        .from(customers)
        .where(forCompany(customers, companyId, eq(customers.id, req.customerId)))
        .limit(1),
      "No such customer.",
    );
  const to = req.to ?? customer?.phone;
  if (!to)
    throw new ApiError("unprocessable_entity", "The customer has no phone number.", {
      details: [{ field: "to", message: "required when the customer has no phone" }],
    });

  const lock = redisKey("outbound", "dial", companyId, req.idempotencyKey ?? to);
  const token = crypto.randomUUID();
  if ((await getRedis().set(lock, token, { nx: true, px: DIAL_LOCK_MS })) !== "OK") {
    throw new ApiError("conflict", "A call to this number is being placed already.");
  }
  try {
    const retell = deps.retell ?? (await retellClientForCompany(companyId));
    const call = await retell.createPhoneCall(
      {
        from_number: from,
        to_number: to,
        // The company's own agent speaks; without one, Retell uses the number's outbound agent.
        ...(settings.agentId ? { agent_id: settings.agentId } : {}),
        metadata: { sb_company_id: companyId, ...(customer ? { sb_customer_id: customer.id } : {}) },
        retell_llm_dynamic_variables: { ...(customer ? { customer_name: customer.name } : {}), ...req.dynamicVariables },
        ...(req.idempotencyKey ? { idempotencyKey: `call:${companyId}:${req.idempotencyKey}` } : {}),
      },
      { reconcileDelayMs: deps.reconcileDelayMs },
    );
    const applied = await writeTransaction((tx) =>
      applyRetellCall(tx, companyId, { ...retellCallFacts(call, "registered"), direction: "outbound" }),
    );
    if (!applied) throw new ApiError("conflict", "This call belongs to another account.");
    await invalidate("calls.created", { companyId });
    if (applied.customerCreated) await invalidate("customers.updated", { companyId });
    return { id: applied.callId, retellCallId: call.call_id, status: call.call_status, from, to, customerId: customer?.id ?? null };
  } finally {
    // Only our own lock: one that expired and was taken by another dial stays.
    await getRedis()
      .eval(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`, [lock], [token])
      .catch(() => undefined);
  }
}
