import { createId } from "@/lib/ids/create-id";
import type { InvoiceStatus, NewInvoice } from "../schema/invoices";
import type { NewPayment } from "../schema/payments";
import { DAY } from "./anchor";
import type { CompanyContext } from "./context";
import { Rng } from "./prng";

/** Monthly plan prices in cents; FREE pays only for call minutes beyond its allowance. */
const PLAN_CENTS = { FREE: 0, PRO: 14_900, ENTERPRISE: 49_900, UNLIMITED: 149_900 } as const;
const DECLINES = ["card_declined: insufficient_funds", "card_declined: do_not_honor", "expired_card"] as const;

/**
 * One invoice per calendar month overlapping the last 90 days (the current month's still a draft or
 * open), with the payment attempts behind each: some fail first, one month is never collected.
 */
export function generateBilling(ctx: CompanyContext): { invoices: NewInvoice[]; payments: NewPayment[] } {
  const rng = Rng.derive(ctx.seed, `billing:${ctx.key}`);
  const invoices: NewInvoice[] = [];
  const payments: NewPayment[] = [];
  const anchor = ctx.anchor;
  const free = ctx.company.tier === "FREE";
  for (let back = 3; back >= 0; back--) {
    const periodStart = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - back, 1));
    const periodEnd = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - back + 1, 1));
    const overage = free ? rng.int(4, 30) * 60 : rng.int(0, 40) * 100;
    const amountDueCents = PLAN_CENTS[ctx.company.tier] + overage;
    const planned: InvoiceStatus =
      back === 0 ? (free ? "draft" : "open") : free && back === 2 ? "uncollectible" : !free && back === 3 ? "void" : "paid";
    const finalizedAt = back === 0 ? new Date(anchor.getTime() - rng.int(1, 5) * DAY) : periodEnd;
    const outcomes =
      planned === "paid"
        ? rng.chance(0.3)
          ? ["failed", "succeeded"]
          : ["succeeded"]
        : planned === "uncollectible"
          ? ["failed", "failed", "failed"]
          : [];
    // Attempts are days apart; any that would fall after the anchor has not happened yet.
    const attempts = outcomes
      .map((outcome, i) => ({ outcome, at: new Date(finalizedAt.getTime() + (i * 3 + 1) * DAY + rng.int(0, DAY / 2)) }))
      .filter((a) => a.at.getTime() < anchor.getTime());
    const status: InvoiceStatus = planned === "paid" && !attempts.some((a) => a.outcome === "succeeded") ? "open" : planned;
    const stripeInvoiceId = `in_${rng.string(24)}`;
    const invoice: NewInvoice = {
      id: createId("invoice", { at: finalizedAt, random: rng.next }),
      companyId: ctx.companyId,
      stripeInvoiceId,
      number:
        status === "draft"
          ? null
          : `${ctx.key.toUpperCase()}-${String(periodStart.getUTCFullYear()).slice(2)}${String(periodStart.getUTCMonth() + 1).padStart(2, "0")}`,
      status,
      amountDueCents,
      amountPaidCents: status === "paid" ? amountDueCents : 0,
      currency: "usd",
      periodStart,
      periodEnd,
      hostedInvoiceUrl: status === "draft" ? null : `https://invoice.stripe.com/i/acct_demo/${stripeInvoiceId}`,
      dueAt: status === "draft" ? null : new Date(finalizedAt.getTime() + 14 * DAY),
      paidAt: null,
      createdAt: finalizedAt,
      updatedAt: finalizedAt,
    };
    for (const { outcome, at } of attempts) {
      if (outcome === "succeeded") invoice.paidAt = invoice.updatedAt = at;
      payments.push({
        id: createId("payment", { at, random: rng.next }),
        companyId: ctx.companyId,
        invoiceId: invoice.id!,
        stripePaymentIntentId: `pi_${rng.string(24)}`,
        amountCents: amountDueCents,
        currency: "usd",
        status: outcome === "succeeded" ? "succeeded" : "failed",
        failureReason: outcome === "failed" ? rng.pick(DECLINES) : null,
        createdAt: at,
      });
    }
    // A FREE month without overage would be a $0 invoice Stripe does not send.
    if (amountDueCents > 0) invoices.push(invoice);
  }
  return { invoices, payments };
}
