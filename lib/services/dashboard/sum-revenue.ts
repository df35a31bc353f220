import type { DayRevenue } from "@/lib/services/appointments/count-raw-revenue-days";

/** Money as the contract spells it: integer minor units with an ISO 4217 currency. */
export interface Money {
  currency: string;
  cents: number;
}

/** Revenue rows summed per currency over local days `from`…`to` (inclusive), currencies in order. */
export function sumRevenue(rows: DayRevenue[], from: string, to: string): Money[] {
  const by = new Map<string, number>();
  for (const r of rows) if (r.day >= from && r.day <= to) by.set(r.currency, (by.get(r.currency) ?? 0) + r.cents);
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, cents]) => ({ currency, cents }));
}
