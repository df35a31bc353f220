/**
 * The database schema, one table per file. Conventions:
 * - ids are prefixed, time-sortable strings from lib/ids/create-id.ts (column helpers in ./util);
 * - every tenant-owned table has company_id and every index on it starts with company_id, so each
 *   query a tenant can cause stays inside that tenant's slice of the index;
 * - no FOREIGN KEY constraints: the scale-out path is PlanetScale/Vitess, where they are a liability,
 *   and every read is already scoped by company id in lib/; deletes that cascade do so in code;
 * - FULLTEXT indexes (customers, calls.transcript) live in a hand-written migration in drizzle/,
 *   because drizzle-kit cannot express them;
 * - no drizzle `relations()`: relational queries with `with` do not run on MariaDB (the "default" mode
 *   emits LEFT JOIN LATERAL, the "planetscale" mode correlated derived tables, neither of which MariaDB
 *   10.11 has). Join explicitly with select().from().innerJoin()/leftJoin().
 */
export * from "./companies";
export * from "./users";
export * from "./memberships";
export * from "./invites";
export * from "./refresh-tokens";
export * from "./api-keys";
export * from "./customers";
export * from "./calls";
export * from "./appointments";
export * from "./appointment-day-counts";
export * from "./appointment-day-revenue";
export * from "./call-day-counts";
export * from "./invoices";
export * from "./payments";
export * from "./usage-counters";
export * from "./audit-log";
export * from "./webhook-events";
export * from "./email-events";
export * from "./exports";
export * from "./files";
export * from "./services";
export * from "./service-instances";
export * from "./company-settings";
