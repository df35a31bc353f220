import { mysqlEnum, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, timestamps } from "./util";

export const SERVICE_MODES = ["in_process", "remote"] as const;
export type ServiceMode = (typeof SERVICE_MODES)[number];

/** The service registry: each business service runs in-process unless pointed at remote instances. */
export const services = mysqlTable(
  "services",
  {
    id: id(),
    /** calls, appointments, customers … as route handlers name them. */
    name: varchar("name", { length: 64 }).notNull(),
    version: varchar("version", { length: 32 }).notNull(),
    mode: mysqlEnum("mode", SERVICE_MODES).notNull().default("in_process"),
    ...timestamps,
  },
  (t) => [
    // Route handlers resolve a service by name.
    uniqueIndex("services_name_uq").on(t.name),
  ],
);

export type Service = typeof services.$inferSelect;
export type NewService = typeof services.$inferInsert;
