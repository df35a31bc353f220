import type { CompanyRecord } from "@/lib/gateway/records";

/**
 * The company records this instance's decisions last saw (as the script returned them), so the
 * per-instance fallback limiter applies a company's own tier and overrides while Redis is away
 * instead of the FREE tier's. Kept as the raw JSON (parsed only when the fallback needs it), at most
 * MAX_COMPANIES, the least recently seen dropped first. One Map per process (per isolate on the edge).
 */
const MAX_COMPANIES = 10_000;
// On globalThis, as the fallback's windows (memory-fallback.ts): one process, two copies of this module.
const KNOWN = Symbol.for("switchboard.gateway.lastKnownCompanies");
const holder = globalThis as typeof globalThis & { [KNOWN]?: Map<string, string> };
const known = (holder[KNOWN] ??= new Map());

export function rememberCompanyRecord(companyId: string, raw: string): void {
  if (known.get(companyId) === raw) return;
  known.delete(companyId);
  if (known.size >= MAX_COMPANIES) {
    const oldest = known.keys().next().value;
    if (oldest !== undefined) known.delete(oldest);
  }
  known.set(companyId, raw);
}

/** The company's record as last seen by this instance, or undefined when it has not seen one. */
export function lastKnownCompanyRecord(companyId: string): CompanyRecord | undefined {
  const raw = known.get(companyId);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as CompanyRecord;
  } catch {
    return undefined;
  }
}
