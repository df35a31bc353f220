import { ApiError } from "@/lib/api/errors";
import type { GatewayContext } from "@/lib/gateway/context";
import { hasMetricsToken } from "./metrics-token";

/**
 * Who may scrape /api/metrics: a Prometheus scraper with METRICS_TOKEN (checked here, in constant time:
 * the gateway only lets the request through), or a signed-in platform admin. Anyone else: 401 without
 * an identity, 403 with one.
 */
export function assertMetricsAccess(req: Request, caller: GatewayContext | null): void {
  if (hasMetricsToken(req.headers.get("authorization"))) return;
  if (!caller || caller.auth === "anonymous") throw new ApiError("unauthorized", "Send the metrics token or sign in as a platform admin.");
  if (!caller.pa || caller.auth === "api_key") throw new ApiError("forbidden", "Platform admins only.");
}
