import { ApiError } from "@/lib/api/errors";
import { logger } from "@/lib/log/logger";
import { fileStore, StoredFileMissingError, verifySha256 } from "@/lib/storage";
import { getExportOr404 } from "./find-export";
import { isExpired } from "./to-export-view";

export interface ExportDownload {
  filename: string;
  contentType: string;
  sizeBytes: number;
  body: ReadableStream<Uint8Array>;
}

/**
 * The CSV of a done export as a stream from storage, checked against its recorded size up front and
 * its SHA-256 as it streams (see verifySha256). 404 for an unknown or another company's export and
 * for an expired file; 409 while it is queued or running, or when it failed.
 */
export async function openExportDownload(companyId: string, exportId: string): Promise<ExportDownload> {
  const { export: row, file } = await getExportOr404(companyId, exportId);
  if (row.status === "failed") throw new ApiError("conflict", "This export failed; request a new one.");
  if (row.status !== "done" || !file)
    throw new ApiError("conflict", `This export is not ready yet (${row.status}, ${row.progress}%). Poll its status until it is done.`);
  if (isExpired(file)) throw new ApiError("not_found", "This export's file has expired; request a new export.");

  const log = logger().child({ exportId, fileId: file.id });
  let opened;
  try {
    opened = await fileStore(file.storage).open(file.path);
  } catch (err) {
    if (!(err instanceof StoredFileMissingError)) throw err;
    log.error("export file missing from storage");
    throw new ApiError("not_found", "This export's file is no longer available; request a new export.");
  }
  if (opened.sizeBytes !== file.sizeBytes) {
    await opened.body.cancel().catch(() => undefined);
    log.error({ expected: file.sizeBytes, actual: opened.sizeBytes }, "export file size differs from its record; not served");
    throw new ApiError("internal_error");
  }
  return {
    filename: file.filename,
    contentType: file.contentType,
    sizeBytes: file.sizeBytes,
    body: opened.body.pipeThrough(verifySha256(file.sha256, () => log.error("export file hash differs from its record; download aborted"))),
  };
}
