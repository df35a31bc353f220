import { defineRoute } from "@/lib/api/define-route";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { ok } from "@/lib/api/respond";
import { sharedReady } from "@/lib/health/shared-ready";

export const dynamic = "force-dynamic";

// GET /api/health/ready — readiness: MySQL, Redis and a worker answer; otherwise 503 (error envelope naming what is down) with
// Retry-After. Public, so the probes run at most once a second per instance and every caller shares that answer.
// The 503 is answered, not thrown: a change of state is logged once (lib/health/log-ready-change.ts), not every probe.
export const GET = defineRoute({ auth: "none" }, async ({ requestId }) => {
  const ready = await sharedReady();
  if (!ready.ok) {
    const down = ready.checks.filter((c) => !c.ok).map((c) => c.name);
    const notReady = new ApiError("service_unavailable", `Not ready: ${down.join(", ")} unavailable.`, {
      details: { checks: ready.checks },
      headers: { "retry-after": "5" },
    });
    return errorResponse(notReady, requestId);
  }
  return ok({ status: "ready", checks: ready.checks }, { headers: { "cache-control": "no-store" } });
});
