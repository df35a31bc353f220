import { z } from "zod";
import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { ok } from "@/lib/api/respond";
import { idSchema } from "@/lib/ids/id-schema";
import { getInvoice } from "@/lib/services/billing/get-invoice";
import { invoiceSchema } from "@/lib/services/billing/schemas";

const rule = { auth: "required", permission: "billing:read", service: "billing" } as const satisfies AccessRule;

// GET /api/v1/billing/invoices/{id} — one invoice (another company's id is a 404)
export const GET = defineRoute<{ id: string }, typeof rule>(rule, async ({ params, caller }) => {
  const { id } = z.object({ id: idSchema() }).parse(params);
  return ok(invoiceSchema.parse(await getInvoice(caller.cid, id)));
});
