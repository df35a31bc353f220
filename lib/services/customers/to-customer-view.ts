import type { Customer } from "@/lib/db/schema/customers";
import { customerSchema, type CustomerView } from "./schemas";

/** A row as the API shows it, shaped through the response schema (no column leaks). */
export function toCustomerView(row: Customer): CustomerView {
  return customerSchema.parse({
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    notes: row.notes,
    tags: row.tags ?? [],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}
