import { and, eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { exports, type ExportKind } from "@/lib/db/schema/exports";
import { forCompany } from "@/lib/db/tenant";
import { createId } from "@/lib/ids/create-id";
import { enqueue } from "@/lib/jobs";
import { getRedis } from "@/lib/redis/client";
import { findExport } from "./find-export";
import { IDEMPOTENCY_TTL_SECONDS, idempotencyRedisKey, requestFingerprint } from "@/lib/api/idempotency-key";
import type { ExportView } from "./schemas";
import { toExportView } from "./to-export-view";

interface IdempotencyRecord {
  exportId: string;
  fingerprint: string;
}

export interface CreateExportInput {
  companyId: string;
  /** A user id, or an API key id when a key asked. */
  requestedBy: string;
  kind: ExportKind;
  /** What the export covers, as the API validated it (the call list filters, a report's kind and days). */
  filters: Record<string, unknown>;
  idempotencyKey: string | null;
}

const mismatch = () => new ApiError("unprocessable_entity", "This Idempotency-Key was already used with different filters; use a new key.");

/** The export an idempotency record points at, or null when the record is stale (the row is gone). */
async function replay(companyId: string, record: IdempotencyRecord, fingerprint: string): Promise<ExportView | null> {
  if (record.fingerprint !== fingerprint) throw mismatch();
  const found = await findExport(companyId, record.exportId);
  return found ? toExportView(found) : null;
}

/**
 * Queues a CSV export of any kind: an `exports` row (queued) and an `export` job whose id is the
 * export id (a second enqueue of it collapses into the first). Callers check `filters` first, so a
 * bad request is a 400 now rather than a failed export later (createCallsExport, createAnalyticsReport).
 *
 * With an idempotency key: the same key (same company, 24 h) answers with the export it created,
 * never a second one, even for concurrent requests — the row is inserted first and only the request
 * whose SET NX wins keeps it and enqueues; the others delete theirs and answer with the winner's.
 * The same key with other filters is refused (422).
 */
export async function createExport(input: CreateExportInput): Promise<{ export: ExportView; replayed: boolean }> {
  const { companyId, filters, idempotencyKey, kind } = input;

  const redis = getRedis();
  const fingerprint = await requestFingerprint(filters);
  const idemKey = idempotencyKey ? await idempotencyRedisKey(companyId, idempotencyKey) : null;
  if (idemKey) {
    const seen = await redis.get<IdempotencyRecord>(idemKey);
    const view = seen ? await replay(companyId, seen, fingerprint) : null;
    if (view) return { export: view, replayed: true };
    if (seen) await redis.del(idemKey);
  }

  const db = getDb();
  const id = createId("export");
  await db.insert(exports).values({ id, companyId, requestedBy: input.requestedBy, kind, filters, status: "queued", progress: 0 });
  const where = forCompany(exports, companyId, eq(exports.id, id));

  if (idemKey) {
    const claimed = await redis.set(idemKey, { exportId: id, fingerprint } satisfies IdempotencyRecord, {
      nx: true,
      ex: IDEMPOTENCY_TTL_SECONDS,
    });
    if (claimed === null) {
      await db.delete(exports).where(and(where, eq(exports.status, "queued")));
      const winner = await redis.get<IdempotencyRecord>(idemKey);
      const view = winner ? await replay(companyId, winner, fingerprint) : null;
      if (!view) throw new ApiError("conflict", "A request with this Idempotency-Key is in progress; retry in a moment.");
      return { export: view, replayed: true };
    }
  }

  try {
    await enqueue("export", { exportId: id, companyId, kind }, { jobId: id });
  } catch (err) {
    // Not queued means it would stay "queued" forever: mark it failed and free the key for a retry.
    await db
      .update(exports)
      .set({ status: "failed", error: "The export could not be queued. Try again.", finishedAt: new Date() })
      .where(where);
    if (idemKey) await redis.del(idemKey).catch(() => undefined);
    throw new ApiError("service_unavailable", "Exports cannot be queued right now. Try again shortly.", {
      headers: { "retry-after": "5" },
      cause: err,
    });
  }

  const created = await findExport(companyId, id);
  if (!created) throw new Error(`Export ${id} vanished right after it was created`);
  return { export: toExportView(created), replayed: false };
}
