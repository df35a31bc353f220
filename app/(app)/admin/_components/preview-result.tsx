import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { CompanyPreview } from "@/lib/services/admin/schemas";
import { formatCount, LAYER_LABELS, limitLabel } from "./admin-labels";

const time = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });

/** "900 → 2,700"; the after value green when it is the better direction (more allowed, fewer refused), red when worse. */
function Arrow({ before, after, fewerIsBetter = false }: { before: number; after: number; fewerIsBetter?: boolean }) {
  const better = fewerIsBetter ? after < before : after > before;
  const tone = after === before ? "text-slate-700" : better ? "text-emerald-700" : "text-red-700";
  return (
    <span className="whitespace-nowrap tabular-nums">
      {formatCount(before)} <span aria-hidden>→</span>
      <span className="sr-only">to</span> <span className={cn("font-semibold", tone)}>{formatCount(after)}</span>
    </span>
  );
}

/** What the what-if answered: the limits that change (before → after) and each layer's refusals over the last hour, replayed. */
export function PreviewResult({ preview, stale }: { preview: CompanyPreview; stale: boolean }) {
  const changed = preview.limits.filter((l) => l.before !== l.after);
  const refused = preview.refusals.filter((r) => r.before || r.after);
  return (
    <section
      aria-labelledby="preview-title"
      className={cn("mt-4 rounded-lg border border-brand-100 bg-brand-50 p-3", stale && "opacity-60")}
      data-testid="preview-result"
    >
      <h3 id="preview-title" className="text-sm font-semibold text-slate-900">
        What this change would do
      </h3>
      {preview.tier.before !== preview.tier.after ? (
        <p className="mt-1 text-sm" data-testid="preview-tier">
          Tier: <Badge tone="neutral">{preview.tier.before}</Badge> <span aria-hidden>→</span>
          <span className="sr-only">to</span> <Badge tone="info">{preview.tier.after}</Badge>
        </p>
      ) : null}
      {changed.length ? (
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">Limits before and after</caption>
          <thead>
            <tr className="text-left text-xs text-slate-600">
              <th scope="col" className="py-1 font-medium">
                Limit
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Before → after
              </th>
            </tr>
          </thead>
          <tbody>
            {changed.map((l) => (
              <tr key={`${l.layer}.${l.key}`} className="border-t border-brand-100" data-testid={`preview-limit-${l.layer}-${l.key}`}>
                <td className="py-1 pr-2">
                  {LAYER_LABELS[l.layer].title}: {limitLabel(l.layer, l.key)}
                  {l.current !== undefined && l.current > l.after ? (
                    <span className="block text-xs text-amber-800">
                      It has {formatCount(l.current)} now: none are removed, new ones are refused.
                    </span>
                  ) : null}
                </td>
                <td className="py-1 text-right">
                  <Arrow before={l.before} after={l.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mt-1 text-sm text-slate-600">No limit changes.</p>
      )}
      <h4 className="mt-3 text-xs font-semibold tracking-wide text-slate-600 uppercase">
        Last hour, replayed ({time.format(new Date(preview.window.from))}–{time.format(new Date(preview.window.to))} UTC)
      </h4>
      <p className="mt-1 text-sm text-slate-700" data-testid="preview-recorded">
        {formatCount(preview.recorded.requests)} requests recorded.{" "}
        {refused.length === 0 ? "No layer refused any, before or after." : "Requests each layer would refuse:"}
      </p>
      {refused.length ? (
        <ul className="mt-1 text-sm">
          {refused.map((r) => (
            <li key={r.layer} className="flex justify-between gap-2" data-testid={`preview-refusals-${r.layer}`}>
              <span>{LAYER_LABELS[r.layer].title}</span>
              <Arrow before={r.before} after={r.after} fewerIsBetter />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
