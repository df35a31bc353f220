import path from "node:path";
import { drizzle } from "drizzle-orm/mysql2";
import { migrate as applyMigrations } from "drizzle-orm/mysql2/migrator";
import mysql from "mysql2/promise";
import { dbEnv } from "@/lib/env/db";
import { assertLocalTestDatabase } from "./assert-local-test-database";
import { connectionOptions, databaseName, PIN_SESSION_TO_UTC } from "./connection-options";
import { DatabaseUnavailableError, describeConnectionError } from "./describe-connection-error";

export { checkDatabase, type DatabaseCheck } from "./check-database";

export type MigrateOptions = {
  /** Defaults to DATABASE_URL. */
  databaseUrl?: string;
  /** Defaults to ./drizzle under the working directory (the repository root for npm scripts). */
  migrationsFolder?: string;
};

/**
 * Creates the database if missing, then applies drizzle/ with drizzle's migrator. Replicas starting
 * together serialise on a named lock, so each migration runs once.
 */
export async function migrate(opts: MigrateOptions = {}): Promise<void> {
  const databaseUrl = opts.databaseUrl ?? dbEnv().DATABASE_URL;
  const name = databaseName(databaseUrl);
  await withServer(databaseUrl, (conn) =>
    conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
  const lock = `migrate:${name}`;
  const conn = await connect(databaseUrl, true);
  try {
    await conn.query(PIN_SESSION_TO_UTC);
    const [[got]] = (await conn.query("SELECT GET_LOCK(?, 120) AS ok", [lock])) as [{ ok: number | null }[], unknown];
    if (got?.ok !== 1) throw new Error(`Another process has been migrating ${name} for 2 minutes; try again when it is done`);
    const migrationsFolder = opts.migrationsFolder ?? path.resolve(process.cwd(), "drizzle");
    await applyMigrations(drizzle({ client: conn }), { migrationsFolder });
  } finally {
    await conn.query("SELECT RELEASE_LOCK(?)", [lock]).catch(() => undefined);
    await conn.end();
  }
}

/**
 * Drops, recreates and migrates a local *_test database (tests' global setup).
 * Refuses any other database: see assertLocalTestDatabase.
 */
export async function resetDatabase(databaseUrl: string, opts: Omit<MigrateOptions, "databaseUrl"> = {}): Promise<void> {
  assertLocalTestDatabase(databaseUrl);
  const name = databaseName(databaseUrl);
  await withServer(databaseUrl, (conn) => conn.query(`DROP DATABASE IF EXISTS \`${name}\``));
  await migrate({ ...opts, databaseUrl });
}

async function withServer(databaseUrl: string, fn: (conn: mysql.Connection) => Promise<unknown>): Promise<void> {
  const conn = await connect(databaseUrl, false);
  try {
    await fn(conn);
  } finally {
    await conn.end();
  }
}

async function connect(databaseUrl: string, withDatabase: boolean): Promise<mysql.Connection> {
  try {
    return await mysql.createConnection(connectionOptions(databaseUrl, { withDatabase }));
  } catch (error) {
    throw new DatabaseUnavailableError(describeConnectionError(error, databaseUrl), { cause: error });
  }
}
