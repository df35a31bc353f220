/** Money from integer cents and an ISO currency, e.g. "$99.00". */
export function formatMoney(cents: number, currency = "usd"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}

export const formatCount = (n: number) => n.toLocaleString("en-US");

/** A UTC day or instant as "Dec 7, 2026" (UTC: invoices and periods are Stripe's UTC instants). */
export function formatDay(iso: string): string {
  const d = iso.length === 10 ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

/** Meter colour: amber from 80 %, red from 95 %. */
export function meterTone(ratio: number): "ok" | "warn" | "bad" {
  return ratio >= 0.95 ? "bad" : ratio >= 0.8 ? "warn" : "ok";
}
