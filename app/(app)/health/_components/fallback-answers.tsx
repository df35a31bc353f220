import { formatNumber } from "@/components/charts/format";

/** Names for the fallbacks that are not a vendor's breaker (lib/metrics/recorder.ts recordFallback callers). */
const NAMES: Record<string, string> = {
  mysql: "MySQL down: cached reads answered from their last entry",
  "rate-limiter": "Redis late: the in-memory rate limiter decided",
  registry: "Service registry: last known configuration",
  cache: "A remote service: its cached answer",
};

/** The fallback answers of the last 60 s whose dependency has no breaker row above them. */
export function otherFallbacks(fallbacks: Record<string, number> | null, breakerNames: readonly string[]): Array<[string, number]> {
  if (!fallbacks) return [];
  return Object.entries(fallbacks)
    .filter(([name, n]) => n > 0 && !breakerNames.includes(name))
    .sort((a, b) => b[1] - a[1]);
}

const labelOf = (name: string) => NAMES[name] ?? (name.startsWith("service:") ? `Service ${name.slice(8)}: fallback answer` : name);

/** Answers served by a fallback in the last 60 s that no breaker row shows (MySQL, the rate limiter, the registry …). */
export function FallbackAnswers({ entries }: { entries: Array<[string, number]> }) {
  if (entries.length === 0) return null;
  return (
    <>
      <h3 className="mt-4 text-xs font-medium text-slate-500">Other fallback answers (last 60 s)</h3>
      <ul className="mt-2 space-y-1" aria-label="Other fallback answers" data-testid="other-fallbacks">
        {entries.map(([name, n]) => (
          <li key={name} className="flex items-center justify-between gap-2 text-sm" data-dependency={name}>
            <span className="text-slate-700">{labelOf(name)}</span>
            <span className="text-slate-600 tabular-nums">{formatNumber(n)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
