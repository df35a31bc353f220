import { z } from "zod";

/** The parts of Stripe objects the product reads, checked at the boundary (API versions move fields). */
const id = (prefix: string) => z.string().startsWith(prefix);
const expandable = (prefix: string) =>
  z.union([id(prefix), z.looseObject({ id: id(prefix) })]).transform((v) => (typeof v === "string" ? v : v.id));

export const STRIPE_SUBSCRIPTION_STATUSES = [
  "incomplete",
  "incomplete_expired",
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "paused",
] as const;

export const stripeSubscriptionSchema = z.looseObject({
  id: id("sub_"),
  object: z.literal("subscription"),
  status: z.enum(STRIPE_SUBSCRIPTION_STATUSES),
  customer: expandable("cus_"),
  cancel_at_period_end: z.boolean().default(false),
  /** Before API 2025-03-31 on the subscription; since then on each item. Epoch seconds. */
  current_period_end: z.number().int().optional(),
  metadata: z.record(z.string(), z.string()).default({}),
  items: z.object({
    data: z
      .array(
        z.looseObject({
          id: z.string(),
          price: z.looseObject({ id: id("price_") }),
          quantity: z.number().int().optional(),
          current_period_end: z.number().int().optional(),
        }),
      )
      .min(1),
  }),
});

export const stripeCheckoutSessionSchema = z.looseObject({
  id: id("cs_"),
  object: z.literal("checkout.session"),
  url: z.string().url().nullable(),
  mode: z.enum(["payment", "setup", "subscription"]),
  status: z.enum(["open", "complete", "expired"]).nullable(),
  customer: expandable("cus_").nullable(),
  client_reference_id: z.string().nullable(),
  subscription: expandable("sub_").nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().default({}),
});

export const stripePortalSessionSchema = z.looseObject({
  id: z.string(),
  object: z.literal("billing_portal.session"),
  url: z.string().url(),
});

export const stripeInvoiceSchema = z.looseObject({
  id: id("in_"),
  object: z.literal("invoice"),
  customer: expandable("cus_"),
  status: z.enum(["draft", "open", "paid", "void", "uncollectible"]).nullable(),
  number: z.string().nullable().optional(),
  currency: z.string(),
  amount_due: z.number().int(),
  amount_paid: z.number().int(),
  period_start: z.number().int(),
  period_end: z.number().int(),
  hosted_invoice_url: z.string().nullable().optional(),
  due_date: z.number().int().nullable().optional(),
  /** Since API 2025-03-31 under parent.subscription_details; before, a top-level `subscription`. */
  subscription: expandable("sub_").nullable().optional(),
  parent: z
    .looseObject({
      subscription_details: z
        .looseObject({ subscription: expandable("sub_") })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
  status_transitions: z.looseObject({ paid_at: z.number().int().nullable().optional() }).optional(),
});
