import { readFileSync } from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { checkDatabase, migrate, resetDatabase } from "@/lib/db/migrate";

const url = process.env.DATABASE_URL!;
const dbName = new URL(url).pathname.slice(1);
const journal = JSON.parse(readFileSync(path.resolve("drizzle/meta/_journal.json"), "utf8")) as { entries: unknown[] };
let conn: mysql.Connection;

describe("migrations on MariaDB", () => {
  beforeAll(async () => {
    // Pools of earlier tests in this process would point at the dropped database.
    await closeDb();
    await resetDatabase(url);
    conn = await mysql.createConnection({ uri: url });
  });
  afterAll(async () => {
    await conn.end();
  });

  it("creates a fresh database with utf8mb4_unicode_ci and every table", async () => {
    const [[schema]] = (await conn.query(
      "SELECT default_character_set_name AS cs, default_collation_name AS co FROM information_schema.schemata WHERE schema_name = ?",
      [dbName],
    )) as [{ cs: string; co: string }[], unknown];
    expect(schema).toEqual({ cs: "utf8mb4", co: "utf8mb4_unicode_ci" });
    const [tables] = (await conn.query("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ?", [dbName])) as [
      { t: string }[],
      unknown,
    ];
    expect(tables.map((r) => r.t).sort()).toEqual(
      [
        "__drizzle_migrations",
        "api_keys",
        "appointment_day_counts",
        "appointment_day_revenue",
        "appointments",
        "audit_log",
        "call_day_counts",
        "calls",
        "companies",
        "company_settings",
        "customers",
        "email_events",
        "exports",
        "files",
        "invites",
        "invoices",
        "memberships",
        "payments",
        "refresh_tokens",
        "service_instances",
        "services",
        "usage_counters",
        "users",
        "webhook_events",
      ].sort(),
    );
  });

  it("records every migration in drizzle/ and applies nothing twice, even from parallel starts", async () => {
    const count = async () => ((await conn.query("SELECT COUNT(*) AS n FROM __drizzle_migrations")) as [{ n: number }[], unknown])[0][0]!.n;
    expect(await count()).toBe(journal.entries.length);
    // Replicas starting together serialise on a named lock.
    await Promise.all([1, 2, 3].map(() => migrate({ databaseUrl: url })));
    expect(await count()).toBe(journal.entries.length);
  });

  it("has the hand-written FULLTEXT indexes", async () => {
    const [rows] = (await conn.query(
      "SELECT table_name AS t, index_name AS i, GROUP_CONCAT(column_name ORDER BY seq_in_index) AS cols FROM information_schema.statistics WHERE table_schema = ? AND index_type = 'FULLTEXT' GROUP BY 1, 2 ORDER BY 1",
      [dbName],
    )) as [{ t: string; i: string; cols: string }[], unknown];
    expect(rows).toEqual([
      { t: "calls", i: "calls_transcript_ft", cols: "transcript" },
      { t: "customers", i: "customers_search_ft", cols: "name,phone,email" },
    ]);
  });

  it("leads every index of a tenant table with company_id", async () => {
    const [rows] = (await conn.query(
      `SELECT s.table_name AS t, s.index_name AS i, s.column_name AS c FROM information_schema.statistics s
       WHERE s.table_schema = ? AND s.seq_in_index = 1 AND s.index_type <> 'FULLTEXT'
       AND s.table_name IN (SELECT table_name FROM information_schema.columns WHERE table_schema = ? AND column_name = 'company_id')`,
      [dbName, dbName],
    )) as [{ t: string; i: string; c: string }[], unknown];
    // Exceptions are deliberate: unique external keys and hashes (looked up before the tenant is
    // known), primary keys, and these jobs that work across tenants by design.
    const crossTenant = new Set([
      "memberships_user_idx",
      "files_expires_idx",
      "refresh_tokens_family_idx",
      "refresh_tokens_user_idx",
      "webhook_events_status_received_idx",
    ]);
    const offenders = rows.filter((r) => r.c !== "company_id" && r.i !== "PRIMARY" && !r.i.endsWith("_uq") && !crossTenant.has(r.i));
    expect(offenders).toEqual([]);
  });

  it("explains in one line when MySQL is unreachable", async () => {
    expect(await checkDatabase(url)).toEqual({ ok: true });
    const down = await checkDatabase("mysql://root@127.0.0.1:1/switchboard_test");
    expect(down).toEqual({
      ok: false,
      line: "MySQL is not reachable at 127.0.0.1:1 — start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd",
    });
    await expect(migrate({ databaseUrl: "mysql://root@127.0.0.1:1/switchboard_test" })).rejects.toThrow(
      /^MySQL is not reachable at 127\.0\.0\.1:1/,
    );
  });
});
