import { formatNumber } from "@/components/charts/format";
import { EmptyState } from "@/components/ui/empty-state";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
/** Five steps of the brand colour; the darkest two carry white text, so every number keeps AA contrast. */
const STEPS = [
  "bg-white text-slate-500",
  "bg-brand-50 text-slate-800",
  "bg-brand-100 text-slate-900",
  "bg-brand-500 text-white",
  "bg-brand-700 text-white",
];

const stepOf = (n: number, max: number) => (n === 0 ? 0 : Math.min(STEPS.length - 1, 1 + Math.floor((n / max) * (STEPS.length - 1.001))));

/**
 * When callers call: the period's calls by weekday (rows) and local hour of their start (columns).
 * A real table — every cell's number is its text, headers name its weekday and hour — tinted by how
 * busy it is; on a phone it scrolls inside its card (`relative`: the screen-reader-only labels are
 * positioned, and would otherwise widen the page from outside the scroller).
 */
export function WeekdayHourHeatmap({ grid }: { grid: number[][] | undefined }) {
  const max = Math.max(0, ...(grid ?? []).flat());
  if (!grid || max === 0)
    return <EmptyState compact title="No calls in this period" description="Pick a longer period to see when callers call." />;
  return (
    <div className="relative overflow-x-auto" data-testid="weekday-hour-heatmap">
      <table className="w-full border-separate border-spacing-0.5 text-[11px] tabular-nums">
        <caption className="sr-only">Calls by weekday and hour of the day, company time</caption>
        <thead>
          <tr>
            <td />
            {HOURS.map((h) => (
              <th key={h} scope="col" className="px-0.5 text-center font-medium text-slate-600">
                <span className="sr-only">{`${String(h).padStart(2, "0")}:00`}</span>
                <span aria-hidden>{h % 3 === 0 ? String(h).padStart(2, "0") : ""}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day, d) => (
            <tr key={day}>
              <th scope="row" className="pr-2 text-left font-medium text-slate-700">
                {day.slice(0, 3)}
                <span className="sr-only">{day.slice(3)}</span>
              </th>
              {HOURS.map((h) => {
                const n = grid[d]?.[h] ?? 0;
                return (
                  <td key={h} data-testid="heat-cell" data-value={n} className={`h-7 min-w-7 rounded text-center ${STEPS[stepOf(n, max)]}`}>
                    {n > 0 ? formatNumber(n) : <span className="sr-only">0</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
