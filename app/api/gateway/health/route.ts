import { defineRoute } from "@/lib/api/define-route";
import { ok } from "@/lib/api/respond";
import { gatewayHealth } from "@/lib/metrics/gateway-health";
import { healthScopeFor } from "@/lib/metrics/health-scope";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/gateway/health — the live view's numbers: platform admins see the whole gateway (or ?companyId=),
// company admins (health:read) their own company's traffic and limits. `auth: "none"`: healthScopeFor decides.
export const GET = defineRoute({ auth: "none" }, async ({ req, caller }) => {
  const scope = healthScopeFor(caller, new URL(req.url));
  return ok(await gatewayHealth(scope), { headers: { "cache-control": "no-store" } });
});
