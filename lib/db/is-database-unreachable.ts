import { findDriverCode } from "./find-driver-code";

/**
 * The driver codes that mean "MySQL could not be reached or dropped the connection", as opposed to a
 * statement MySQL refused (a duplicate key, bad data): the server is down, restarting or cut off.
 */
export const UNREACHABLE_CODES = [
  "ECONNREFUSED",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ECONNRESET",
  "EAI_AGAIN",
  "EPIPE",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_SERVER_SHUTDOWN",
] as const;

/** True when an error (or one in its `cause` chain) says MySQL is unreachable, not that it refused a statement. */
export function isDatabaseUnreachable(err: unknown): boolean {
  return findDriverCode(err, UNREACHABLE_CODES) !== undefined;
}
