import { ApiError } from "@/lib/api/errors";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { createCallsExport } from "@/lib/services/exports/create-calls-export";
import { exportUrl } from "@/lib/services/exports/export-paths";
import { parseIdempotencyKey } from "@/lib/api/idempotency-key";
import { createCallsExportBodySchema, exportSchema } from "@/lib/services/exports/schemas";

// POST /api/v1/calls/export — queue a CSV export of the calls matching the list filters; 202 + Location to poll
export const POST = defineRoute({ auth: "required", permission: "calls:export", service: "calls" }, async ({ req, caller }) => {
  const filters = await readJson(req, createCallsExportBodySchema);
  const idempotencyKey = parseIdempotencyKey(req.headers);
  const requestedBy = caller.uid ?? caller.kid;
  if (!requestedBy) throw new ApiError("forbidden");
  const created = await createCallsExport({ companyId: caller.cid, requestedBy, filters, idempotencyKey });
  const headers: Record<string, string> = { location: exportUrl(created.export.id), "cache-control": "no-store" };
  if (created.replayed) headers["idempotent-replayed"] = "true";
  return ok(exportSchema.parse(created.export), { status: 202, headers });
});
