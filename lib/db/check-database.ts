import mysql from "mysql2/promise";
import { connectionOptions } from "./connection-options";
import { describeConnectionError } from "./describe-connection-error";

export type DatabaseCheck = { ok: true } | { ok: false; line: string };

/**
 * Can we log in to the MySQL server of this URL? For start-up checks: `line` says what to run.
 * The database itself need not exist yet (migrate() creates it).
 */
export async function checkDatabase(databaseUrl: string): Promise<DatabaseCheck> {
  let conn: mysql.Connection | undefined;
  try {
    conn = await mysql.createConnection(connectionOptions(databaseUrl, { withDatabase: false }));
    await conn.query("SELECT 1");
    return { ok: true };
  } catch (error) {
    return { ok: false, line: describeConnectionError(error, databaseUrl) };
  } finally {
    await conn?.end().catch(() => undefined);
  }
}
