import { parseArgs } from "node:util";
import { loadLocalEnv } from "./lib/local-env";

// npm run db:seed [-- --calls N --customers N --seed S --force] — the demo data (SPEC "Demo data").
const { values } = parseArgs({
  options: {
    calls: { type: "string" },
    customers: { type: "string" },
    seed: { type: "string" },
    force: { type: "boolean", default: false },
  },
});
const count = (name: string, raw: string | undefined) => {
  if (raw === undefined) return undefined;
  const n = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 0) {
    console.error(`✖ --${name} must be a whole number (got "${raw}")`);
    process.exit(1);
  }
  return n;
};
const options = {
  calls: count("calls", values.calls),
  customers: count("customers", values.customers),
  seed: count("seed", values.seed),
  force: values.force,
};

loadLocalEnv();
// Imported after env is loaded: these modules read it.
const { dbEnv } = await import("@/lib/env/db");
const { checkDatabase, migrate } = await import("@/lib/db/migrate");
const { closeDb } = await import("@/lib/db/client");
const { seedDemo } = await import("@/lib/db/seed");

const url = dbEnv().DATABASE_URL;
const check = await checkDatabase(url);
if (!check.ok) {
  console.error(`✖ ${check.line}`);
  process.exit(1);
}
try {
  await migrate({ databaseUrl: url });
  const report = await seedDemo({ ...options, log: (line) => console.log(line) });
  const secs = (report.ms / 1000).toFixed(1);
  if (report.skipped) {
    console.log(`✔ Demo data already up to date (accounts refreshed) in ${secs} s — pass --force to regenerate`);
  } else {
    const rows = Object.entries(report.rows)
      .map(([table, n]) => `${table} ${n.toLocaleString("en-US")}`)
      .join(", ");
    const gen = (report.generateMs / 1000).toFixed(1);
    console.log(
      `✔ Seeded ${report.totalRows.toLocaleString("en-US")} rows in ${gen} s (${Math.round(report.rowsPerSecond).toLocaleString("en-US")} rows/s; ${secs} s in all): ${rows}`,
    );
  }
} finally {
  await closeDb();
}
