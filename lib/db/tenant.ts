import { and, eq, type SQL } from "drizzle-orm";
import type { MySqlColumn } from "drizzle-orm/mysql-core";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "./client";

/** A drizzle transaction of the app's database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** What a service can run queries on: the pooled database or a transaction it was handed. */
export type DbExecutor = Db | Tx;

/**
 * The where-clause every tenant query starts from: `company_id = ? AND …conds`. Services build
 * their filters through it so a query without the tenant cannot be written by accident.
 */
export function forCompany(table: { companyId: MySqlColumn }, companyId: string, ...conds: Array<SQL | undefined>): SQL {
  return and(eq(table.companyId, companyId), ...conds) as SQL;
}

/**
 * The first row of a (tenant-scoped) query, or 404. Another company's id lands here too, so ids
 * cannot be probed: "not yours" and "does not exist" answer the same.
 */
export async function findOneOr404<T>(rows: PromiseLike<T[]>, message = "Not found."): Promise<T> {
  const [row] = await rows;
  if (row === undefined) throw new ApiError("not_found", message);
  return row;
}
