import { defineRoute } from "@/lib/api/define-route";
import { ok } from "@/lib/api/respond";
import { listIntegrationStatus } from "@/lib/services/integrations-status/list-integration-status";
import { integrationStatusListSchema } from "@/lib/services/integrations-status/schemas";

// GET /api/v1/settings/integrations — per vendor: credential set (company's or platform's), breaker state, last outage
export const GET = defineRoute({ auth: "required", permission: "settings:read", service: "settings" }, async ({ caller }) => {
  const statuses = await listIntegrationStatus(caller.cid);
  return ok(integrationStatusListSchema.parse(statuses), { headers: { "cache-control": "no-store" } });
});
