import { defineConfig } from "drizzle-kit";

// Migrations are generated here and applied by lib/db/migrate.ts (drizzle's migrator):
// `drizzle-kit push` fails on MariaDB, whose JSON columns carry a json_valid CHECK it cannot diff.
export default defineConfig({
  dialect: "mysql",
  schema: "./lib/db/schema/index.ts",
  out: "./drizzle",
  dbCredentials: { url: process.env.DATABASE_URL ?? "mysql://root@127.0.0.1:3306/switchboard" },
  strict: true,
  verbose: true,
});
