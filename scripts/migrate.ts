import { loadLocalEnv } from "./lib/local-env";

// npm run db:migrate — creates the database if missing and applies drizzle/ with the drizzle migrator.
loadLocalEnv();
const { dbEnv } = await import("@/lib/env/db");
const { checkDatabase, migrate } = await import("@/lib/db/migrate");
const { closeDb } = await import("@/lib/db/client");

const url = dbEnv().DATABASE_URL;
const check = await checkDatabase(url);
if (!check.ok) {
  console.error(`✖ ${check.line}`);
  process.exit(1);
}
await migrate();
await closeDb();
console.log(`✔ migrations applied to ${new URL(url).pathname.slice(1)}`);
