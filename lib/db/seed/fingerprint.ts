import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { companySettings } from "../schema";

/** What a company's generated demo data was made from; equal fingerprints mean identical rows. */
export type SeedFingerprint = { version: number; seed: number; anchor: string; calls: number; customers: number };

/** Bump when the generators change, so existing demo data is regenerated. */
export const GENERATOR_VERSION = 2; // 2: appointments carry a price (price_cents, currency)

/** Kept in company_settings.settings.demoSeed: it also marks the company as a demo tenant. */
export async function readFingerprint(db: Db, companyId: string): Promise<SeedFingerprint | null> {
  const [row] = await db
    .select({ settings: companySettings.settings })
    .from(companySettings)
    .where(eq(companySettings.companyId, companyId));
  return (row?.settings?.demoSeed as SeedFingerprint | undefined) ?? null;
}

export async function writeFingerprint(db: Db, companyId: string, fingerprint: SeedFingerprint | null): Promise<void> {
  const [row] = await db
    .select({ settings: companySettings.settings })
    .from(companySettings)
    .where(eq(companySettings.companyId, companyId));
  const settings = { ...(row?.settings ?? {}), demoSeed: fingerprint };
  await db.update(companySettings).set({ settings }).where(eq(companySettings.companyId, companyId));
}

export function sameFingerprint(a: SeedFingerprint | null, b: SeedFingerprint): boolean {
  return !!a && (Object.keys(b) as (keyof SeedFingerprint)[]).every((k) => a[k] === b[k]);
}
