import type { ConnectionOptions } from "mysql2/promise";

/**
 * What every connection to MySQL shares: the app, the migrator, checks and the seeder.
 * Times travel as UTC (`timezone: 'Z'`) and each session is pinned to UTC too (see `pinSessionToUtc`),
 * so CURRENT_TIMESTAMP(3) defaults and the values the app writes agree whatever the server's zone.
 */
export function connectionOptions(databaseUrl: string, { withDatabase = true } = {}): ConnectionOptions {
  return {
    uri: withDatabase ? databaseUrl : serverUrl(databaseUrl),
    timezone: "Z",
    dateStrings: false,
    charset: "utf8mb4_unicode_ci",
    supportBigNumbers: true,
    connectTimeout: 5_000,
  };
}

export const PIN_SESSION_TO_UTC = "SET time_zone = '+00:00'";

/** The URL without its database: for CREATE/DROP DATABASE and reachability checks. */
export function serverUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = "/";
  return url.toString();
}

/** The database a URL names; refused unless it is a plain identifier, since it is spliced into DDL. */
export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) {
    throw new Error(`DATABASE_URL must name a database made of letters, digits and _ (got "${name}")`);
  }
  return name;
}

/** host:port as people type it, for messages. */
export function serverAddress(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || "3306"}`;
}
