import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { exportIdParamsSchema } from "@/lib/services/exports/schemas";
import { getReadableExport } from "@/lib/services/exports/get-readable-export";
import { openExportDownload } from "@/lib/services/exports/open-export-download";

// calls:export for a calls export, analytics:read for an analytics report (getReadableExport).
const rule = { auth: "required", service: "calls" } as const satisfies AccessRule;

// GET /api/v1/exports/{id}/download — the CSV file itself, streamed from storage (409 until done)
export const GET = defineRoute<{ id: string }, typeof rule>(rule, async ({ params, caller }) => {
  const { id } = exportIdParamsSchema.parse(params);
  await getReadableExport(caller, id);
  const file = await openExportDownload(caller.cid, id);
  return new Response(file.body, {
    status: 200,
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.sizeBytes),
      "content-disposition": `attachment; filename="${file.filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
