import { and, eq, ne } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { customers } from "@/lib/db/schema/customers";
import { forCompany, type Tx } from "@/lib/db/tenant";

/** 409 in the envelope, naming the field and the customer that already has it (same company, so nothing leaks). */
export function duplicateCustomerError(field: "phone" | "email", existingId?: string): ApiError {
  return new ApiError("conflict", `Another customer already has this ${field === "phone" ? "phone number" : "email address"}.`, {
    details: [{ field, message: `already used by another customer`, code: "duplicate", ...(existingId ? { existingId } : {}) }],
  });
}

/**
 * Inside the write's transaction: no other customer of the company has this phone or email (409
 * with the field). The email has no unique index (customers known twice can exist until merged),
 * so its lookup is a locking read of the (company_id, email) range: two creates of one address at
 * once serialise, and the second sees the first. The phone also has the unique index as a backstop.
 */
export async function assertCustomerUnique(
  tx: Tx,
  companyId: string,
  fields: { phone?: string | null; email?: string | null },
  selfId?: string,
) {
  const others = selfId ? ne(customers.id, selfId) : undefined;
  if (fields.phone) {
    const [taken] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(forCompany(customers, companyId, and(eq(customers.phone, fields.phone), others)))
      .limit(1);
    if (taken) throw duplicateCustomerError("phone", taken.id);
  }
  if (fields.email) {
    const [taken] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(forCompany(customers, companyId, and(eq(customers.email, fields.email), others)))
      .limit(1)
      .for("update");
    if (taken) throw duplicateCustomerError("email", taken.id);
  }
}
