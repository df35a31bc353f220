import { rebuildAppointmentDayCounts } from "@/lib/services/appointments/rebuild-appointment-day-counts";
import { rebuildCallDayCounts } from "@/lib/services/calls/rebuild-call-day-counts";
import { getDb, getPool } from "../client";
import { seedAnchor, utcDay } from "./anchor";
import { DEMO_COMPANIES, type DemoCompanyKey } from "./demo-accounts";
import { GENERATOR_VERSION, readFingerprint, sameFingerprint, writeFingerprint, type SeedFingerprint } from "./fingerprint";
import { generateCompanyData, type GeneratedCounts } from "./generate-company-data";
import { seedAccounts, type DemoAccountIds } from "./seed-accounts";
import { seedCompanySettings } from "./seed-company-settings";
import { seedExtras } from "./seed-extras";
import { wipeGenerated } from "./wipe-generated";

export type SeedOptions = {
  /** Calls across both companies (Acme 80 %, Globex 20 %). Default 600. */
  calls?: number;
  /** Customers across both companies, same split. Default 150. */
  customers?: number;
  /** The PRNG seed. Default 42. */
  seed?: number;
  /** Regenerate even when the stored data already matches. */
  force?: boolean;
  /** Defaults to the clock; the data is laid out around the start of its UTC day. */
  now?: Date;
  log?: (line: string) => void;
};

export type SeedReport = {
  ids: DemoAccountIds;
  /** True when the generated data already matched and was left alone. */
  skipped: boolean;
  rows: GeneratedCounts;
  totalRows: number;
  /** The whole run. */
  ms: number;
  /** Generating and inserting only (not removing the previous history). */
  generateMs: number;
  rowsPerSecond: number;
};

export const SEED_DEFAULTS = { calls: 600, customers: 150, seed: 42 } as const;

/**
 * The SPEC's demo data, idempotent and deterministic. Accounts, roles, settings and keys are upserted
 * under fixed ids. The generated history (customers, calls, appointments, emails, usage, billing) is
 * a pure function of (seed, sizes, UTC day): when what is stored was made from the same inputs it is
 * left alone, otherwise the demo companies' generated rows are replaced.
 */
export async function seedDemo(opts: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const seed = opts.seed ?? SEED_DEFAULTS.seed;
  const totalCalls = opts.calls ?? SEED_DEFAULTS.calls;
  const totalCustomers = opts.customers ?? SEED_DEFAULTS.customers;
  const anchor = seedAnchor(opts.now);
  const db = getDb();
  const pool = getPool();

  const ids = await seedAccounts(db);
  const keys = Object.keys(DEMO_COMPANIES) as DemoCompanyKey[];
  for (const key of keys) await seedCompanySettings(db, key, ids.companies[key]);
  const apiKeyIds = await seedExtras(db, ids, anchor);

  const split = (total: number, key: DemoCompanyKey) =>
    key === "acme" ? Math.round(total * DEMO_COMPANIES.acme.share) : total - Math.round(total * DEMO_COMPANIES.acme.share);
  const fingerprints = Object.fromEntries(
    keys.map((key) => [
      key,
      { version: GENERATOR_VERSION, seed, anchor: utcDay(anchor), calls: split(totalCalls, key), customers: split(totalCustomers, key) },
    ]),
  ) as Record<DemoCompanyKey, SeedFingerprint>;
  const stored = await Promise.all(keys.map((key) => readFingerprint(db, ids.companies[key])));
  const rows: GeneratedCounts = { customers: 0, calls: 0, appointments: 0, emailEvents: 0, invoices: 0, payments: 0, usageCounters: 0 };

  let generateStarted = performance.now();
  const upToDate = !opts.force && keys.every((key, i) => sameFingerprint(stored[i]!, fingerprints[key]));
  if (!upToDate) {
    const companyIds = keys.map((key) => ids.companies[key]);
    // Cleared first: if generation is interrupted, the next run sees no fingerprint and starts over.
    for (const id of companyIds) await writeFingerprint(db, id, null);
    log("• Removing previous demo history …");
    await wipeGenerated(pool, companyIds);
    generateStarted = performance.now();
    for (const key of keys) {
      const f = fingerprints[key];
      log(`• ${DEMO_COMPANIES[key].name}: ${f.customers} customers, ${f.calls} calls …`);
      const counts = await generateCompanyData(
        pool,
        { key, company: DEMO_COMPANIES[key], companyId: ids.companies[key], apiKeyIds: apiKeyIds[key], anchor, seed },
        f,
        (n) => log(`  ${n.toLocaleString("en-US")} calls`),
      );
      for (const k of Object.keys(rows) as (keyof GeneratedCounts)[]) rows[k] += counts[k];
      await writeFingerprint(db, ids.companies[key], f);
    }
  }

  // The generators bulk-insert appointments past the services: their day counts are recomputed here,
  // also when the history was left alone (a database migrated since it was seeded starts with none).
  for (const key of keys) {
    await rebuildAppointmentDayCounts(ids.companies[key]);
    await rebuildCallDayCounts(ids.companies[key]);
  }

  const now = performance.now();
  const generateMs = upToDate ? 0 : now - generateStarted;
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  return {
    ids,
    skipped: upToDate,
    rows,
    totalRows,
    ms: now - started,
    generateMs,
    rowsPerSecond: generateMs ? totalRows / (generateMs / 1000) : 0,
  };
}
