import { hasPermission } from "@/lib/api/authorize";
import { ApiError } from "@/lib/api/errors";
import { defineRoute } from "@/lib/api/define-route";
import { parseIdempotencyKey } from "@/lib/api/idempotency-key";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { createAnalyticsReport } from "@/lib/services/analytics/create-analytics-report";
import { REPORT_EXTRA_PERMISSION, reportBodySchema } from "@/lib/services/analytics/schemas";
import { exportUrl } from "@/lib/services/exports/export-paths";
import { exportSchema } from "@/lib/services/exports/schemas";

// POST /api/v1/analytics/reports — queue a CSV report; 202 + Location of the export to poll (GET /api/v1/exports/{id})
export const POST = defineRoute({ auth: "required", permission: "analytics:read", service: "analytics" }, async ({ req, caller }) => {
  const report = await readJson(req, reportBodySchema);
  const extra = REPORT_EXTRA_PERMISSION[report.kind];
  if (extra && !hasPermission(caller, extra))
    throw new ApiError("forbidden", `This report lists customers: it needs the ${extra} permission.`);
  const requestedBy = caller.uid ?? caller.kid;
  if (!requestedBy) throw new ApiError("forbidden");
  const created = await createAnalyticsReport({
    companyId: caller.cid,
    requestedBy,
    report,
    idempotencyKey: parseIdempotencyKey(req.headers),
  });
  const headers: Record<string, string> = { location: exportUrl(created.export.id), "cache-control": "no-store" };
  if (created.replayed) headers["idempotent-replayed"] = "true";
  return ok(exportSchema.parse(created.export), { status: 202, headers });
});
