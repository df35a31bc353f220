import { int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, instant, ref, timestamps } from "./util";

export const INSTANCE_STATUSES = ["healthy", "unhealthy", "unknown"] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/** A remote instance of a service, health-checked every 30 s; round robin skips unhealthy ones. */
export const serviceInstances = mysqlTable(
  "service_instances",
  {
    id: id(),
    serviceId: ref("service_id").notNull(),
    /** Base URL; `GET <url>/health` is the health check. */
    url: varchar("url", { length: 512 }).notNull(),
    status: mysqlEnum("status", INSTANCE_STATUSES).notNull().default("unknown"),
    lastCheckedAt: instant("last_checked_at"),
    lastError: text("last_error"),
    consecutiveFailures: int("consecutive_failures", { unsigned: true }).notNull().default(0),
    ...timestamps,
  },
  (t) => [
    // One row per instance URL of a service; also lists a service's instances.
    uniqueIndex("service_instances_service_url_uq").on(t.serviceId, t.url),
  ],
);

export type ServiceInstance = typeof serviceInstances.$inferSelect;
export type NewServiceInstance = typeof serviceInstances.$inferInsert;
