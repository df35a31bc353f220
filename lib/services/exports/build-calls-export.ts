import { and, eq, ne } from "drizzle-orm";
import type { Logger } from "pino";
import { ZodError } from "zod";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { exports, type Export } from "@/lib/db/schema/exports";
import { files } from "@/lib/db/schema/files";
import { forCompany } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";
import { errorForLog } from "@/lib/log/logger";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { listCallsForExport } from "@/lib/services/calls/list-calls-for-export";
import { callFiltersSchema } from "@/lib/services/calls/schemas";
import { fileStore, type FileStore, type FileWriter } from "@/lib/storage";
import { zonedDateOf } from "@/lib/time/zoned-date-of";
import { reportRows } from "@/lib/services/analytics/report-rows";
import { reportBodySchema } from "@/lib/services/analytics/schemas";
import { CALL_CSV_HEADER, callCsvRows } from "./call-csv";
import { csvRow } from "./csv-cell";
import { countCallsForExport } from "./count-calls-for-export";
import { exportFileKey } from "./export-paths";
import { onExportReady } from "./on-export-ready";

/** How long a finished export's file is served. */
export const EXPORT_FILE_TTL_MS = 7 * 24 * 3600 * 1000;

/** What a run needs from its job: which attempt this is, the shutdown signal, a logger. */
export interface ExportRun {
  attempt: number;
  maxAttempts: number;
  signal: AbortSignal;
  log: Logger;
}

export type ExportOutcome =
  { status: "done"; rows: number; sizeBytes: number } | { status: "skipped"; reason: "not_found" | "already_done" };

/** Retrying cannot help (bad stored filters, unknown kind): the export is failed at once. */
export class ExportFailedError extends Error {
  constructor(readonly userMessage: string) {
    super(userMessage);
    this.name = "ExportFailedError";
  }
}

const GENERIC_FAILURE = "The export could not be built. Request it again; if it keeps failing, contact support with this export's id.";

function asPermanent(err: unknown): ExportFailedError | null {
  if (err instanceof ExportFailedError) return err;
  if (err instanceof ZodError) return new ExportFailedError("The export's filters are no longer valid. Request a new export.");
  // Our own 4xx messages are written for clients (e.g. "`from` must be before `to`.").
  if (err instanceof ApiError && err.status < 500) return new ExportFailedError(err.message);
  return null;
}

/** The progress to show after `written` of `total` rows: 99 at most until the file is committed. */
export function progressOf(written: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(99, Math.floor((written * 100) / total)));
}

async function writeCsv(row: Export, writer: FileWriter, run: ExportRun): Promise<number> {
  const db = getDb();
  const where = forCompany(exports, row.companyId, eq(exports.id, row.id));
  const filters = callFiltersSchema.parse(row.filters ?? {});
  const total = await countCallsForExport(row.companyId, filters);
  await writer.write(CALL_CSV_HEADER);
  let written = 0;
  let shown = 0;
  await listCallsForExport(row.companyId, filters, async (items) => {
    run.signal.throwIfAborted();
    await writer.write(callCsvRows(items));
    written += items.length;
    const progress = progressOf(written, total);
    // At most one UPDATE per batch, and none while the percentage stands still.
    if (progress > shown) {
      shown = progress;
      await db.update(exports).set({ progress }).where(where);
    }
  });
  run.signal.throwIfAborted();
  return written;
}

/** An analytics report (reportRows): one write of the whole table; progress jumps when it is written. */
async function writeReport(row: Export, writer: FileWriter, timezone: string): Promise<number> {
  const report = reportBodySchema.parse(row.filters ?? {});
  const table = await reportRows(row.companyId, timezone, report);
  await writer.write(csvRow(table.header) + table.rows.map(csvRow).join(""));
  return table.rows.length;
}

/** The name a finished export is downloaded under. */
function filenameOf(row: Export, timezone: string): string {
  const report = row.kind === "analytics_csv" ? reportBodySchema.safeParse(row.filters ?? {}).data : undefined;
  if (report) return `${report.kind.replaceAll("_", "-")}-${report.from}-${report.to}.csv`;
  return `calls-${zonedDateOf(row.createdAt, timezone)}.csv`;
}

/** The file row and the export's "done" in one transaction: an export is never done without its file. */
async function finish(
  row: Export,
  store: FileStore,
  stored: { key: string; sizeBytes: number; sha256: string },
  rows: number,
): Promise<Export> {
  const now = new Date();
  const fileId = createId("file");
  const filename = filenameOf(row, await getCompanyTimezone(row.companyId));
  const db = getDb();
  await db.transaction(async (tx) => {
    await tx.insert(files).values({
      id: fileId,
      companyId: row.companyId,
      storage: store.kind,
      path: stored.key,
      filename,
      contentType: "text/csv; charset=utf-8",
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      expiresAt: new Date(now.getTime() + EXPORT_FILE_TTL_MS),
    });
    await tx
      .update(exports)
      .set({ status: "done", progress: 100, rowCount: rows, fileId, error: null, finishedAt: now })
      .where(forCompany(exports, row.companyId, eq(exports.id, row.id)));
  });
  return { ...row, status: "done", progress: 100, rowCount: rows, fileId, error: null, finishedAt: now };
}

/**
 * The export job's work. An analytics report (kind analytics_csv) is one table from the daily rollups
 * (reportRows). A calls export counts the matching calls, streams them in keyset batches into a CSV
 * through the file store (`exports/<companyId>/<exportId>.csv`), updating progress per batch, then
 * records the file (size, SHA-256) and marks the export done — or, on the last attempt or a
 * failure retrying cannot fix, failed with a message fit for the user (details go to the log only).
 *
 * Idempotent: a done export is left alone; any other run starts over and rewrites the file from
 * scratch (the writer commits atomically, so a failed attempt leaves nothing behind). A worker
 * shutting down aborts the run without writing anything more: the job is handed to another worker.
 */
export async function buildCallsExport(
  payload: { exportId: string; companyId: string },
  run: ExportRun,
  store: FileStore = fileStore(),
): Promise<ExportOutcome> {
  const db = getDb();
  const where = forCompany(exports, payload.companyId, eq(exports.id, payload.exportId));
  const [row] = await db.select().from(exports).where(where).limit(1);
  if (!row) {
    run.log.warn({ exportId: payload.exportId }, "export row not found; nothing to build");
    return { status: "skipped", reason: "not_found" };
  }
  if (row.status === "done") return { status: "skipped", reason: "already_done" };

  const startedAt = new Date();
  await db
    .update(exports)
    .set({ status: "running", progress: 0, error: null, startedAt, finishedAt: null })
    .where(and(where, ne(exports.status, "done")));

  let writer: FileWriter | undefined;
  try {
    if (row.kind !== "calls_csv" && row.kind !== "analytics_csv") throw new ExportFailedError("This kind of export is not available.");
    writer = await store.createWriter(exportFileKey(row.companyId, row.id));
    const rows =
      row.kind === "calls_csv" ? await writeCsv(row, writer, run) : await writeReport(row, writer, await getCompanyTimezone(row.companyId));
    const stored = await writer.commit();
    const done = await finish({ ...row, startedAt }, store, stored, rows);
    await onExportReady(done).catch((err: unknown) => run.log.warn(errorForLog(err), "export ready hook failed"));
    return { status: "done", rows, sizeBytes: stored.sizeBytes };
  } catch (err) {
    await writer?.abort().catch(() => undefined);
    // Handed back to the queue on shutdown: another worker runs it; write nothing more here.
    if (run.signal.aborted) throw err;
    const permanent = asPermanent(err);
    const last = permanent !== null || run.attempt >= run.maxAttempts;
    run.log[last ? "error" : "warn"](
      { ...errorForLog(err), exportId: row.id, attempt: run.attempt, final: last },
      last ? "export failed" : "export attempt failed; will retry",
    );
    await db
      .update(exports)
      .set(
        last
          ? { status: "failed", progress: 0, error: permanent?.userMessage ?? GENERIC_FAILURE, finishedAt: new Date() }
          : { status: "queued", progress: 0 },
      )
      .where(and(where, ne(exports.status, "done")));
    throw permanent ?? err;
  }
}
