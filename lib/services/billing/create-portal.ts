import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { companies } from "@/lib/db/schema/companies";
import { findOneOr404 } from "@/lib/db/tenant";
import { createStripeClient } from "@/lib/integrations/stripe/client";
import type { VendorDeps } from "@/lib/integrations/vendor-deps";

/**
 * A Stripe Billing Portal session (change plan or card, invoices) for the company's Stripe customer;
 * 409 before its first checkout. A double click within a minute gets the same session (idempotency
 * key per customer and minute). Plan changes made there come back as subscription webhooks.
 */
export async function createPortal(companyId: string, opts: { returnUrl?: string } = {}, deps: VendorDeps = {}): Promise<{ url: string }> {
  const company = await findOneOr404(
    getDb().select({ customerId: companies.stripeCustomerId }).from(companies).where(eq(companies.id, companyId)).limit(1),
    "Company not found.",
  );
  if (!company.customerId) throw new ApiError("conflict", "The company has no billing account yet: subscribe to a plan first.");
  const stripe = deps.stripe ?? createStripeClient();
  return stripe.createPortalSession(company.customerId, { returnUrl: opts.returnUrl });
}
