import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { ok } from "@/lib/api/respond";
import { getExportOr404 } from "@/lib/services/exports/find-export";
import { exportIdParamsSchema, exportSchema } from "@/lib/services/exports/schemas";
import { toExportView } from "@/lib/services/exports/to-export-view";

const rule = { auth: "required", permission: "calls:export", service: "calls" } as const satisfies AccessRule;

// GET /api/v1/exports/{id} — an export's status and progress; downloadUrl once done (poll this)
export const GET = defineRoute<{ id: string }, typeof rule>(rule, async ({ params, caller }) => {
  const { id } = exportIdParamsSchema.parse(params);
  const view = toExportView(await getExportOr404(caller.cid, id));
  return ok(exportSchema.parse(view), { headers: { "cache-control": "no-store" } });
});
