import { customType } from "drizzle-orm/mysql-core";

/**
 * Ids from lib/ids/create-id.ts are ASCII, so a binary ASCII column keeps every index that holds one
 * 4× smaller than utf8mb4 and compares bytes, which is also the order the ULID body sorts in.
 */
const asciiId = customType<{ data: string; driverData: string }>({
  dataType: () => "varchar(40) CHARACTER SET ascii COLLATE ascii_bin",
});

/** The primary key of a table whose rows get a prefixed id (`call_01J…`). */
export const id = (name = "id") => asciiId(name).primaryKey();

/** A column holding another row's id. No FOREIGN KEY: see lib/db/schema/index.ts. */
export const ref = (name: string) => asciiId(name);
