import { z } from "zod";
import { TIERS } from "@/lib/db/schema/companies";
import { INVOICE_STATUSES } from "@/lib/db/schema/invoices";
import { PAYMENT_STATUSES } from "@/lib/db/schema/payments";
import { ENDPOINT_LIMITS } from "@/lib/gateway/rate-limit/policy";
import { idSchema } from "@/lib/ids/id-schema";
import { PAID_TIERS } from "@/lib/integrations/stripe/prices";

const isoInstant = z.iso.datetime({ offset: true });
const day = z.iso.date();

export const checkoutSchema = z.object({
  tier: z.enum(PAID_TIERS),
  successUrl: z.string().url().optional(),
  cancelUrl: z.string().url().optional(),
});
export type CheckoutInput = z.input<typeof checkoutSchema>;

// ── requests ────────────────────────────────────────────────────────────────

/** POST /api/v1/billing/checkout (return URLs are the app's own /billing page, never the client's choice). */
export const checkoutRequestSchema = z.object({ tier: z.enum(PAID_TIERS) }).strict();

/** PUT /api/v1/billing/alert: the owner's usage alert, a % of the hourly company limit (null = off). */
export const usageAlertRequestSchema = z.object({ percent: z.number().int().min(1).max(100).nullable() }).strict();

const limit = z.coerce.number().int().min(1).max(100).default(25);

/** GET /api/v1/billing/invoices?limit&cursor (newest first). */
export const listInvoicesQuerySchema = z
  .object({ limit, cursor: idSchema("invoice", "Not a cursor from a previous page.").optional() })
  .strict();
export type ListInvoicesQuery = z.infer<typeof listInvoicesQuerySchema>;

/** GET /api/v1/billing/payments?limit&cursor (newest first). */
export const listPaymentsQuerySchema = z
  .object({ limit, cursor: idSchema("payment", "Not a cursor from a previous page.").optional() })
  .strict();
export type ListPaymentsQuery = z.infer<typeof listPaymentsQuerySchema>;

/** Days the usage endpoint answers at most in one request. */
export const BILLING_USAGE_MAX_DAYS = 92;

/** GET /api/v1/billing/usage?from&to: UTC days, both included; default the current month so far. */
export const billingUsageQuerySchema = z
  .object({ from: day.optional(), to: day.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "Not before from.", path: ["to"] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < BILLING_USAGE_MAX_DAYS, {
    message: `At most ${BILLING_USAGE_MAX_DAYS} days.`,
    path: ["to"],
  });
export type BillingUsageQuery = z.infer<typeof billingUsageQuerySchema>;

// ── responses ───────────────────────────────────────────────────────────────

export const tierLimitsSchema = z.object({
  companyPerHour: z.number().int(),
  userPerHour: z.number().int(),
  endpoint: z.record(z.string(), z.number().int()),
  resource: z.record(z.string(), z.number().int()),
});

export const subscriptionSchema = z.object({
  tier: z.enum(TIERS),
  /** Stripe's status (active, trialing, past_due, incomplete …), or "none" on FREE without a subscription. */
  status: z.string(),
  currentPeriodEnd: isoInstant.nullable(),
  cancelAtPeriodEnd: z.boolean(),
  /** Whether a billing portal exists (a Stripe customer): plan changes of a subscriber go through it. */
  hasBillingAccount: z.boolean(),
  hasSubscription: z.boolean(),
  limits: tierLimitsSchema,
  usageAlertPercent: z.number().int().nullable(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export const invoiceSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: z.enum(INVOICE_STATUSES),
  amountDueCents: z.number().int(),
  amountPaidCents: z.number().int(),
  currency: z.string(),
  periodStart: isoInstant,
  periodEnd: isoInstant,
  /** Stripe's hosted page of the invoice (its PDF is one click from there). */
  hostedInvoiceUrl: z.string().nullable(),
  dueAt: isoInstant.nullable(),
  paidAt: isoInstant.nullable(),
});
export const invoiceListSchema = z.array(invoiceSchema);
export type InvoiceItem = z.infer<typeof invoiceSchema>;

export const paymentSchema = z.object({
  id: z.string(),
  invoiceId: z.string().nullable(),
  amountCents: z.number().int(),
  currency: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  failureReason: z.string().nullable(),
  createdAt: isoInstant,
});
export const paymentListSchema = z.array(paymentSchema);
export type PaymentItem = z.infer<typeof paymentSchema>;

export const pageMetaSchema = z.object({ nextCursor: z.string().nullable() });

const endpointGroup = z.enum(Object.keys(ENDPOINT_LIMITS) as [keyof typeof ENDPOINT_LIMITS, ...Array<keyof typeof ENDPOINT_LIMITS>]);

export const billingUsageSchema = z.object({
  from: day,
  to: day,
  tier: z.enum(TIERS),
  limits: tierLimitsSchema,
  /** Admitted API requests per UTC day: total, by endpoint group, by credential (API key id, or "session" for people). */
  days: z.array(
    z.object({
      day,
      requests: z.number().int(),
      byEndpoint: z.record(z.string(), z.number().int()),
      byKey: z.record(z.string(), z.number().int()),
      callMinutes: z.number().int(),
    }),
  ),
  totals: z.object({
    requests: z.number().int(),
    byEndpoint: z.record(z.string(), z.number().int()),
    byKey: z.array(z.object({ keyId: z.string(), name: z.string().nullable(), requests: z.number().int() })),
    callMinutes: z.number().int(),
  }),
  /** The company layer's current clock hour, as the gateway counts it. */
  currentHour: z.object({ used: z.number().int(), limit: z.number().int(), resetsAt: isoInstant }),
  /**
   * The calendar month (UTC) so far: requests against the most the company layer admits in the month
   * (hourly limit × the month's hours), call minutes against the plan's included minutes (null = no cap).
   */
  month: z.object({
    from: day,
    requests: z.number().int(),
    requestsLimit: z.number().int(),
    callMinutes: z.number().int(),
    callMinutesIncluded: z.number().int().nullable(),
  }),
  endpointGroups: z.array(endpointGroup),
});
export type BillingUsage = z.infer<typeof billingUsageSchema>;

export const stripeUrlSchema = z.object({ url: z.string().url() });
export const usageAlertSchema = z.object({ percent: z.number().int().nullable() });
