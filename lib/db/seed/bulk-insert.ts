import { getTableColumns, getTableName, type InferInsertModel } from "drizzle-orm";
import type { MySqlTable } from "drizzle-orm/mysql-core";
import type { Pool } from "mysql2/promise";

/**
 * Multi-row INSERT through mysql2's text protocol (`VALUES ?` expands nested arrays), without
 * drizzle's per-value query building, which dominates at a million rows. Column names and value
 * encoding (dates, JSON) still come from the drizzle table, so this cannot drift from the schema.
 * A row already present (same primary or unique key) is left as it is.
 */
export async function bulkInsert<T extends MySqlTable>(pool: Pool, table: T, rows: InferInsertModel<T>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const present = new Set(rows.flatMap((row) => Object.keys(row)));
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => present.has(key));
  const values = rows.map((row) =>
    columns.map(([key, column]) => {
      const value = (row as Record<string, unknown>)[key];
      return value === null || value === undefined ? null : column.mapToDriverValue(value);
    }),
  );
  const first = columns[0]![1].name;
  const [result] = await pool.query(`INSERT INTO ?? (??) VALUES ? ON DUPLICATE KEY UPDATE ?? = ??`, [
    getTableName(table),
    columns.map(([, c]) => c.name),
    values,
    first,
    first,
  ]);
  return (result as { affectedRows: number }).affectedRows;
}

/**
 * Inserts rows as they are produced, `batchSize` per statement with up to `inFlight` statements
 * running at once; generation stays sequential, so the data does not depend on timing.
 */
export class BulkWriter<T extends MySqlTable> {
  private buffer: InferInsertModel<T>[] = [];
  private running = new Set<Promise<unknown>>();
  private failure: unknown;
  rows = 0;

  constructor(
    private readonly pool: Pool,
    private readonly table: T,
    private readonly batchSize = 2_000,
    private readonly inFlight = 3,
  ) {}

  async add(row: InferInsertModel<T>): Promise<void> {
    this.buffer.push(row);
    this.rows++;
    if (this.buffer.length >= this.batchSize) await this.flushBuffer();
  }

  /** Writes what is buffered and waits for every statement. */
  async close(): Promise<void> {
    await this.flushBuffer();
    await Promise.all(this.running);
    if (this.failure) throw this.failure;
  }

  private async flushBuffer(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const p: Promise<unknown> = bulkInsert(this.pool, this.table, batch)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.running.delete(p));
    this.running.add(p);
    if (this.running.size >= this.inFlight) await Promise.race(this.running);
  }
}
