import { char, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { createdAt, id, ref } from "./util";

export const PAYMENT_STATUSES = ["pending", "succeeded", "failed", "refunded"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** One attempt to collect an invoice (a Stripe PaymentIntent); a failed attempt and its retry are two rows. */
export const payments = mysqlTable(
  "payments",
  {
    id: id(),
    companyId: ref("company_id").notNull(),
    invoiceId: ref("invoice_id"),
    stripePaymentIntentId: varchar("stripe_payment_intent_id", { length: 64 }).notNull(),
    amountCents: int("amount_cents", { unsigned: true }).notNull(),
    currency: char("currency", { length: 3 }).notNull().default("usd"),
    status: mysqlEnum("status", PAYMENT_STATUSES).notNull(),
    /** Stripe's decline code or message, for the billing page; never a card detail. */
    failureReason: varchar("failure_reason", { length: 255 }),
    ...createdAt,
  },
  (t) => [
    // Stripe webhooks upsert by PaymentIntent id.
    uniqueIndex("payments_stripe_payment_intent_uq").on(t.stripePaymentIntentId),
    // The billing page lists payments newest first.
    index("payments_company_created_idx").on(t.companyId, t.createdAt),
    // An invoice's payment attempts.
    index("payments_company_invoice_idx").on(t.companyId, t.invoiceId),
  ],
);

export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
