import { drizzle, type MySql2Database } from "drizzle-orm/mysql2";
import mysql from "mysql2/promise";
import { dbEnv } from "@/lib/env/db";
import { connectionOptions, PIN_SESSION_TO_UTC } from "./connection-options";
import * as schema from "./schema";

export type Db = MySql2Database<typeof schema>;

type DbState = { pool: mysql.Pool; db: Db };

// Kept on globalThis so Next's dev reloads reuse one pool instead of leaking one per edit.
const holder = globalThis as typeof globalThis & { __switchboardDb?: DbState };

function state(): DbState {
  if (holder.__switchboardDb) return holder.__switchboardDb;
  const env = dbEnv();
  const pool = mysql.createPool({
    ...connectionOptions(env.DATABASE_URL),
    connectionLimit: env.DATABASE_POOL_SIZE,
    maxIdle: env.DATABASE_POOL_SIZE,
    idleTimeout: 60_000,
    enableKeepAlive: true,
  });
  // Queued before the pool hands the new connection out, and a connection runs commands in order.
  pool.pool.on("connection", (conn) => conn.query(PIN_SESSION_TO_UTC, () => undefined));
  // The schema gives db.query.<table>.findFirst/findMany; their `with` does not run on MariaDB
  // (see lib/db/schema/index.ts), so the schema declares no relations.
  const db = drizzle({ client: pool, schema, mode: "default" });
  holder.__switchboardDb = { pool, db };
  return holder.__switchboardDb;
}

/** The drizzle instance over the shared pool (DATABASE_URL, DATABASE_POOL_SIZE). */
export function getDb(): Db {
  return state().db;
}

/** The mysql2 pool behind getDb(), for the few statements drizzle cannot build (bulk seeding, health). */
export function getPool(): mysql.Pool {
  return state().pool;
}

/** Ends the pool (tests, scripts, graceful shutdown); the next getDb() opens a new one. */
export async function closeDb(): Promise<void> {
  const current = holder.__switchboardDb;
  holder.__switchboardDb = undefined;
  await current?.pool.end();
}
