import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { clientWantsFresh } from "@/lib/cache/client-wants-fresh";
import { withCacheHeader } from "@/lib/cache/with-cache-header";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { getCompanySettings } from "@/lib/services/settings/get-company-settings";
import { companySettingsSchema, updateCompanySettingsBodySchema } from "@/lib/services/settings/schemas";
import { updateCompanySettings } from "@/lib/services/settings/update-company-settings";

const read = { auth: "required", permission: "settings:read", service: "settings" } as const satisfies AccessRule;
const manage = { auth: "required", permission: "settings:manage", service: "settings" } as const satisfies AccessRule;

// GET /api/v1/settings/company — name, time zone, business hours (cached: companySettings)
export const GET = defineRoute(read, async ({ req, caller }) => {
  const { value, status } = await getCompanySettings(caller.cid, { fresh: clientWantsFresh(req.headers) });
  return withCacheHeader(ok(companySettingsSchema.parse(value)), status);
});

// PATCH /api/v1/settings/company — the fields sent; a time zone change re-buckets the dashboard, calendar and analytics
export const PATCH = defineRoute(manage, async ({ req, caller, requestId }) => {
  const body = await readJson(req, updateCompanySettingsBodySchema);
  return companySettingsSchema.parse(await updateCompanySettings(caller.cid, body, actorFromCaller(caller, requestId)));
});
