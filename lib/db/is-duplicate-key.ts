import { findDriverError } from "./find-driver-error";

/**
 * A unique index refused the row (MySQL ER_DUP_ENTRY), looking through drizzle's wrapper. With
 * `index`, only that index counts (MariaDB names it `'name'`, MySQL 8 `'table.name'`): a duplicate
 * primary key (a bug, not a replay) is then not a duplicate.
 */
export function isDuplicateKey(err: unknown, index?: string): boolean {
  const driver = findDriverError(err, ["ER_DUP_ENTRY"]);
  if (!driver) return false;
  return index === undefined || (typeof driver.sqlMessage === "string" && driver.sqlMessage.includes(index));
}
