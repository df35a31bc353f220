import { defineRoute } from "@/lib/api/define-route";
import { ok } from "@/lib/api/respond";
import { healthScopeFor } from "@/lib/metrics/health-scope";
import { SLOW_WINDOW_MS } from "@/lib/tracing/slow-requests/limits";
import { listSlowRequests } from "@/lib/tracing/slow-requests/list-slow-requests";
import { slowestEnabled } from "@/lib/tracing/tracing-config";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/gateway/traces — the slowest requests of the last 15 minutes and every 5xx, with their spans (the
// health page's waterfalls). Same scope as /api/gateway/health: platform admins everything (or ?companyId=),
// company admins (health:read) their own company's only.
export const GET = defineRoute({ auth: "none" }, async ({ req, caller }) => {
  const scope = healthScopeFor(caller, new URL(req.url));
  const lists = await listSlowRequests(scope);
  return ok(
    { recording: slowestEnabled(), windowMinutes: SLOW_WINDOW_MS / 60_000, ...lists },
    { headers: { "cache-control": "no-store" } },
  );
});
