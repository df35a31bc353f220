import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { usageAlertRequestSchema, usageAlertSchema } from "@/lib/services/billing/schemas";
import { setUsageAlert } from "@/lib/services/billing/set-usage-alert";

// PUT /api/v1/billing/alert {percent|null} — the usage alert: one email an hour when the hour's requests reach percent % of the company limit
export const PUT = defineRoute(
  { auth: "required", permission: "billing:manage", service: "billing" },
  async ({ req, caller, requestId }) => {
    const body = await readJson(req, usageAlertRequestSchema);
    return ok(usageAlertSchema.parse(await setUsageAlert(caller.cid, body.percent, actorFromCaller(caller, requestId))));
  },
);
