import { index, mysqlTable, text, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, json, ref, timestamps } from "./util";

/**
 * A company's customer (a caller, a patient). Full-text search over name, phone and email uses the
 * FULLTEXT index `customers_search_ft` (name, phone, email), created by a hand-written migration in
 * drizzle/ because drizzle-kit cannot express FULLTEXT.
 */
export const customers = mysqlTable(
  "customers",
  {
    id: id(),
    companyId: ref("company_id").notNull(),
    name: varchar("name", { length: 191 }).notNull(),
    /** E.164 (`+15551234567`); null for customers known only by email. */
    phone: varchar("phone", { length: 20 }),
    email: varchar("email", { length: 191 }),
    notes: text("notes"),
    tags: json<string[]>("tags"),
    ...timestamps,
  },
  (t) => [
    // An incoming call is matched to its customer by caller number; one customer per number per company.
    uniqueIndex("customers_company_phone_uq").on(t.companyId, t.phone),
    // The customer list is alphabetical.
    index("customers_company_name_idx").on(t.companyId, t.name),
    // SendGrid events and Cal.com bookings name an attendee by email.
    index("customers_company_email_idx").on(t.companyId, t.email),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
