import { defineRoute } from "@/lib/api/define-route";
import { ApiError } from "@/lib/api/errors";
import { ok } from "@/lib/api/respond";
import { checkReady } from "@/lib/health/check-ready";

export const dynamic = "force-dynamic";

// GET /api/health/ready — readiness: MySQL and Redis answer; otherwise 503 (error envelope naming what is down) with Retry-After.
export const GET = defineRoute({ auth: "none" }, async () => {
  const ready = await checkReady();
  if (!ready.ok) {
    const down = ready.checks.filter((c) => !c.ok).map((c) => c.name);
    throw new ApiError("service_unavailable", `Not ready: ${down.join(", ")} unavailable.`, {
      details: { checks: ready.checks },
      headers: { "retry-after": "5" },
    });
  }
  return ok({ status: "ready", checks: ready.checks }, { headers: { "cache-control": "no-store" } });
});
