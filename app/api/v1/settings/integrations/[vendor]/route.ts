import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { ApiError } from "@/lib/api/errors";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { integrationVendorParamsSchema } from "@/lib/services/integrations-status/schemas";
import {
  COMPANY_CREDENTIAL_VENDORS,
  integrationCredentialsResultSchema,
  setIntegrationCredentialsBodySchema,
  type CompanyCredentialVendor,
} from "@/lib/services/settings/schemas";
import { setIntegrationCredentials } from "@/lib/services/settings/set-integration-credentials";

const rule = { auth: "required", permission: "settings:manage", service: "settings" } as const satisfies AccessRule;

// PUT /api/v1/settings/integrations/{vendor} — the company's own key, stored encrypted and never read back; Cal.com's webhook secret once
export const PUT = defineRoute<{ vendor: string }, typeof rule>(rule, async ({ req, params, caller, requestId }) => {
  const parsed = integrationVendorParamsSchema.safeParse(params);
  if (!parsed.success) throw new ApiError("not_found", "No such integration.");
  const vendor = parsed.data.vendor;
  if (!(COMPANY_CREDENTIAL_VENDORS as readonly string[]).includes(vendor)) {
    throw new ApiError("unprocessable_entity", "Stripe bills through the platform's account: there is no company key to set.");
  }
  const body = await readJson(req, setIntegrationCredentialsBodySchema);
  const result = await setIntegrationCredentials(caller.cid, vendor as CompanyCredentialVendor, body, actorFromCaller(caller, requestId));
  return ok(integrationCredentialsResultSchema.parse(result), { headers: { "cache-control": "no-store" } });
});
