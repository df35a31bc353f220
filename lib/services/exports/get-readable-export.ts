import { hasPermission } from "@/lib/api/authorize";
import { ApiError } from "@/lib/api/errors";
import type { Permission } from "@/lib/auth/permissions";
import type { ExportKind } from "@/lib/db/schema/exports";
import type { GatewayContext } from "@/lib/gateway/context";
import { REPORT_EXTRA_PERMISSION, type ReportKind } from "@/lib/services/analytics/schemas";
import { getExportOr404, type ExportWithFile } from "./find-export";

/** What reading an export of each kind needs: a calls export calls:export, an analytics report analytics:read. */
export const EXPORT_READ_PERMISSION = {
  calls_csv: "calls:export",
  analytics_csv: "analytics:read",
  customers_csv: "customers:read",
} as const satisfies Record<ExportKind, Permission>;

/**
 * The caller's company's export `id` if the caller may read its kind: 403 at once for a caller who
 * may read no kind at all, 404 for an unknown (or another company's) id, 403 for a kind they may not read.
 */
export async function getReadableExport(caller: GatewayContext & { cid: string }, id: string): Promise<ExportWithFile> {
  const may = (p: Permission) => hasPermission(caller, p);
  if (!Object.values(EXPORT_READ_PERMISSION).some(may)) throw new ApiError("forbidden", "This needs the calls:export permission.");
  const found = await getExportOr404(caller.cid, id);
  const needs = EXPORT_READ_PERMISSION[found.export.kind];
  if (!may(needs)) throw new ApiError("forbidden", `This needs the ${needs} permission.`);
  const reportKind = found.export.kind === "analytics_csv" ? found.export.filters?.kind : undefined;
  const extra = typeof reportKind === "string" ? REPORT_EXTRA_PERMISSION[reportKind as ReportKind] : undefined;
  if (extra && !may(extra)) throw new ApiError("forbidden", `This report lists customers: it needs the ${extra} permission.`);
  return found;
}
