import { char, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, instant, ref, timestamps } from "./util";

/** Stripe's invoice statuses. */
export const INVOICE_STATUSES = ["draft", "open", "paid", "void", "uncollectible"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** A Stripe invoice for a company's subscription, mirrored by the Stripe webhook. */
export const invoices = mysqlTable(
  "invoices",
  {
    id: id(),
    companyId: ref("company_id").notNull(),
    stripeInvoiceId: varchar("stripe_invoice_id", { length: 64 }).notNull(),
    number: varchar("number", { length: 64 }),
    status: mysqlEnum("status", INVOICE_STATUSES).notNull(),
    amountDueCents: int("amount_due_cents", { unsigned: true }).notNull(),
    amountPaidCents: int("amount_paid_cents", { unsigned: true }).notNull().default(0),
    /** ISO 4217, lower case as Stripe sends it. */
    currency: char("currency", { length: 3 }).notNull().default("usd"),
    periodStart: instant("period_start").notNull(),
    periodEnd: instant("period_end").notNull(),
    hostedInvoiceUrl: varchar("hosted_invoice_url", { length: 1024 }),
    dueAt: instant("due_at"),
    paidAt: instant("paid_at"),
    ...timestamps,
  },
  (t) => [
    // invoice.paid / invoice.payment_failed webhooks upsert by Stripe's id.
    uniqueIndex("invoices_stripe_invoice_uq").on(t.stripeInvoiceId),
    // The billing page lists a company's invoices newest period first.
    index("invoices_company_period_idx").on(t.companyId, t.periodStart),
  ],
);

export type Invoice = typeof invoices.$inferSelect;
export type NewInvoice = typeof invoices.$inferInsert;
