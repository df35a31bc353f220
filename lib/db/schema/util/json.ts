import { customType } from "drizzle-orm/mysql-core";

/**
 * A JSON column holding an object or an array. MariaDB stores JSON as LONGTEXT with a json_valid
 * check; mysql2 ≥ 3.23 reads MariaDB's column metadata and parses it, but a raw string still arrives
 * through paths that lose that metadata (subqueries, other drivers), so parse what is still a string.
 * Top-level scalars are excluded by the type so a string result can only mean "not parsed yet".
 */
export const json = <T extends object>(name: string) =>
  customType<{ data: T; driverData: string | T }>({
    dataType: () => "json",
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => (typeof value === "string" ? (JSON.parse(value) as T) : value),
  })(name);
