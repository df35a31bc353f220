import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { listInvoices } from "@/lib/services/billing/list-invoices";
import { invoiceListSchema, listInvoicesQuerySchema } from "@/lib/services/billing/schemas";

// GET /api/v1/billing/invoices — the company's invoices, newest first, with Stripe's hosted page (PDF)
export const GET = defineRoute({ auth: "required", permission: "billing:read", service: "billing" }, async ({ req, caller }) => {
  const page = await listInvoices(caller.cid, parseQuery(req, listInvoicesQuerySchema));
  return ok(invoiceListSchema.parse(page.items), { meta: { nextCursor: page.nextCursor } });
});
