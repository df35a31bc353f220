import { invalidate } from "@/lib/cache/invalidate";
import { getPool } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed";

/**
 * The demo data (Acme Dental PRO, Globex Clinic FREE; 600 calls over 90 days), with every cache
 * entry of both companies invalidated: another test file may have cached them over other data.
 */
export async function seedDemoForApi() {
  const report = await seedDemo();
  for (const companyId of Object.values(report.ids.companies)) await invalidate({ resources: "*" }, { companyId });
  return report;
}

/** Raw SQL, for counts that do not go through the code under test. */
export async function sqlRows<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const [rows] = await getPool().query(text, params);
  return rows as T[];
}

/** "Answered" spelled out independently of lib/services/calls/answered-call.ts. */
export const ANSWERED_SQL = `(status = 'ended' AND duration_ms >= 15000 AND COALESCE(disconnection_reason, '') NOT IN
  ('voicemail_reached', 'machine_detected', 'inactivity', 'dial_no_answer', 'dial_busy', 'dial_failed', 'registered_call_timeout'))`;

/** `YYYY-MM-DD` of an instant in a zone, through Intl (en-CA formats dates that way). */
export function localDate(at: Date | number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(at));
}

/** MySQL DATETIME(3) text for a Date (the pool talks UTC). */
export const sqlTime = (d: Date | string) => new Date(d).toISOString().slice(0, 23).replace("T", " ");
