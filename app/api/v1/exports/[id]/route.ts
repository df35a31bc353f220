import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { ok } from "@/lib/api/respond";
import { getReadableExport } from "@/lib/services/exports/get-readable-export";
import { exportIdParamsSchema, exportSchema } from "@/lib/services/exports/schemas";
import { toExportView } from "@/lib/services/exports/to-export-view";

// calls:export for a calls export, analytics:read for an analytics report (getReadableExport).
const rule = { auth: "required", service: "calls" } as const satisfies AccessRule;

// GET /api/v1/exports/{id} — an export's status and progress; downloadUrl once done (poll this)
export const GET = defineRoute<{ id: string }, typeof rule>(rule, async ({ params, caller }) => {
  const { id } = exportIdParamsSchema.parse(params);
  const view = toExportView(await getReadableExport(caller, id));
  return ok(exportSchema.parse(view), { headers: { "cache-control": "no-store" } });
});
