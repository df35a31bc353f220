import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { invalidate } from "@/lib/cache/invalidate";
import { appointments } from "@/lib/db/schema/appointments";
import { calls } from "@/lib/db/schema/calls";
import { customers } from "@/lib/db/schema/customers";
import { emailEvents } from "@/lib/db/schema/email-events";
import { forCompany } from "@/lib/db/tenant";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { Actor } from "@/lib/services/audit/actor-from-caller";
import { recordAudit } from "@/lib/services/audit/record-audit";
import { loadCustomer } from "./load-customer";
import type { MergeResult } from "./schemas";
import { toCustomerView } from "./to-customer-view";

/**
 * Merges a duplicate into a customer, in one transaction: the duplicate's calls, bookings and email
 * events move to the customer, what the customer lacks (phone, email, notes, tags) is taken from the
 * duplicate, the duplicate row is deleted and the merge is audited (`customer.merged`) — all or
 * nothing. Both rows are locked in id order, so concurrent merges of the same pair serialise (the
 * second then finds the duplicate gone: 404). Merging a customer into itself is refused (422);
 * another company's id, on either side, answers 404. Emits `customers.updated` and
 * `appointments.updated` (bookings changed customer).
 */
export async function mergeCustomers(companyId: string, targetId: string, duplicateId: string, actor: Actor): Promise<MergeResult> {
  if (targetId === duplicateId)
    throw new ApiError("unprocessable_entity", "A customer cannot be merged into itself.", {
      details: [{ field: "duplicateId", message: "must be another customer", code: "same_customer" }],
    });
  const result = await writeTransaction(async (tx) => {
    const [first, second] = [targetId, duplicateId].sort();
    const locked = new Map([
      [first!, await loadCustomer(companyId, first!, tx, { forUpdate: true })],
      [second!, await loadCustomer(companyId, second!, tx, { forUpdate: true })],
    ]);
    const target = locked.get(targetId)!;
    const duplicate = locked.get(duplicateId)!;

    const [movedCalls] = await tx
      .update(calls)
      .set({ customerId: targetId })
      .where(forCompany(calls, companyId, eq(calls.customerId, duplicateId)));
    const [movedAppointments] = await tx
      .update(appointments)
      .set({ customerId: targetId })
      .where(forCompany(appointments, companyId, eq(appointments.customerId, duplicateId)));
    const [movedEmails] = await tx
      .update(emailEvents)
      .set({ customerId: targetId })
      .where(forCompany(emailEvents, companyId, eq(emailEvents.customerId, duplicateId)));

    // The duplicate goes first: its phone may then move to the customer without tripping the unique index.
    await tx.delete(customers).where(forCompany(customers, companyId, eq(customers.id, duplicateId)));
    const tags = [...new Set([...(target.tags ?? []), ...(duplicate.tags ?? [])])].slice(0, 20);
    const notes = [target.notes, duplicate.notes].filter((n): n is string => Boolean(n?.trim())).join("\n\n") || null;
    await tx
      .update(customers)
      .set({ phone: target.phone ?? duplicate.phone, email: target.email ?? duplicate.email, notes, tags })
      .where(forCompany(customers, companyId, eq(customers.id, targetId)));

    const moved = { calls: movedCalls.affectedRows, appointments: movedAppointments.affectedRows, emails: movedEmails.affectedRows };
    await recordAudit(
      {
        companyId,
        actor,
        action: "customer.merged",
        targetType: "customer",
        targetId,
        metadata: { duplicateId, duplicateName: duplicate.name, moved },
      },
      tx,
    );
    return { moved, customer: await loadCustomer(companyId, targetId, tx) };
  });
  // One trip for both events: customers (the profile, the list, the calls and dashboard that show
  // the name, the timelines) and appointments (bookings changed customer).
  await invalidate({ resources: ["customers", "appointments"] }, { companyId });
  return { customer: toCustomerView(result.customer), moved: result.moved, removedId: duplicateId };
}
