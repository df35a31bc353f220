import { serverAddress } from "./connection-options";
import { UNREACHABLE_CODES } from "./is-database-unreachable";

const START_HINT = "start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd";
const UNREACHABLE = new Set<string>(UNREACHABLE_CODES);

/** One line for a person starting the app: what is wrong with the database and what to do. Never the password. */
export function describeConnectionError(error: unknown, databaseUrl: string): string {
  const address = serverAddress(databaseUrl);
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (UNREACHABLE.has(code)) return `MySQL is not reachable at ${address} — ${START_HINT}`;
  if (code.startsWith("ER_ACCESS_DENIED") || code === "ER_DBACCESS_DENIED_ERROR") {
    const user = decodeURIComponent(new URL(databaseUrl).username) || "(none)";
    return `MySQL at ${address} refused user "${user}" — check the user and password in DATABASE_URL`;
  }
  if (code === "ER_BAD_DB_ERROR")
    return `MySQL at ${address} has no database ${new URL(databaseUrl).pathname.slice(1)} — run npm run db:migrate`;
  return `MySQL at ${address} failed: ${code || (error instanceof Error ? error.message : String(error))}`;
}

/** Thrown instead of the driver's error so callers print one clear line. */
export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";
}
