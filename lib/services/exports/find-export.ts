import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { exports, type Export } from "@/lib/db/schema/exports";
import { files, type StoredFile } from "@/lib/db/schema/files";
import { findOneOr404, forCompany } from "@/lib/db/tenant";

export interface ExportWithFile {
  export: Export;
  file: StoredFile | null;
}

function selectExport(companyId: string, exportId: string) {
  return getDb()
    .select({ export: exports, file: files })
    .from(exports)
    .leftJoin(files, and(eq(files.companyId, exports.companyId), eq(files.id, exports.fileId)))
    .where(forCompany(exports, companyId, eq(exports.id, exportId)))
    .limit(1);
}

/** One export of the company with its file row (once done), or null. Another company's id is null too. */
export async function findExport(companyId: string, exportId: string): Promise<ExportWithFile | null> {
  const [row] = await selectExport(companyId, exportId);
  return row ?? null;
}

/** The same, or 404 (unknown and "another company's" answer alike, so ids cannot be probed). */
export function getExportOr404(companyId: string, exportId: string): Promise<ExportWithFile> {
  return findOneOr404(selectExport(companyId, exportId), "Export not found.");
}
