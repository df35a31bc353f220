import { databaseName } from "./connection-options";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * Destructive helpers (drop, reset) refuse anything but a local database whose name ends in _test,
 * so a stray DATABASE_URL can never point them at shared or production data.
 */
export function assertLocalTestDatabase(databaseUrl: string): void {
  const url = new URL(databaseUrl);
  if (!LOCAL_HOSTS.has(url.hostname)) {
    throw new Error(`Refusing to reset database on ${url.hostname}: only 127.0.0.1 or localhost`);
  }
  const name = databaseName(databaseUrl);
  if (!name.endsWith("_test")) {
    throw new Error(`Refusing to reset database ${name}: its name must end with _test`);
  }
}
