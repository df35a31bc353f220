import { defineRoute } from "@/lib/api/define-route";
import { parseQuery } from "@/lib/api/parse-query";
import { ok } from "@/lib/api/respond";
import { getBillingUsage } from "@/lib/services/billing/get-billing-usage";
import { billingUsageQuerySchema } from "@/lib/services/billing/schemas";

// GET /api/v1/billing/usage?from&to — API requests by day, endpoint group and key, call minutes, against the tier's limits
export const GET = defineRoute({ auth: "required", permission: "billing:read", service: "billing" }, async ({ req, caller }) =>
  ok(await getBillingUsage(caller.cid, parseQuery(req, billingUsageQuerySchema))),
);
