import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { AdminCompanyDetail, EffectiveLimit } from "@/lib/services/admin/schemas";
import { formatCount, LAYER_LABELS, limitLabel } from "./admin-labels";

const LAYERS = Object.keys(LAYER_LABELS) as Array<EffectiveLimit["layer"]>;

/** What the gateway applies to the company now, layer by layer; an overridden limit says so and shows its tier's value. */
export function LimitsCard({ company }: { company: AdminCompanyDetail }) {
  return (
    <Card
      title="Effective limits"
      description={`The ${company.tier} tier's policy with this company's overrides.`}
      data-testid="effective-limits"
    >
      <div className="space-y-4">
        {LAYERS.map((layer) => (
          <section key={layer} aria-labelledby={`limits-${layer}`}>
            <h3 id={`limits-${layer}`} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {LAYER_LABELS[layer].title}
            </h3>
            <p className="text-xs text-slate-500">{LAYER_LABELS[layer].description}</p>
            <ul className="mt-1 divide-y divide-slate-100">
              {company.limits
                .filter((l) => l.layer === layer)
                .map((l) => (
                  <li
                    key={l.key}
                    className="flex items-baseline justify-between gap-3 py-1 text-sm"
                    data-testid={`limit-${l.layer}-${l.key}`}
                    data-overridden={l.overridden || undefined}
                  >
                    <span className="text-slate-700">{limitLabel(l.layer, l.key)}</span>
                    <span className="flex items-baseline gap-2">
                      {l.overridden ? (
                        <Badge tone="warning" title={`The ${company.tier} tier gives ${formatCount(l.tierDefault)}`}>
                          override · tier {formatCount(l.tierDefault)}
                        </Badge>
                      ) : null}
                      <span className="font-medium text-slate-900 tabular-nums" data-testid="limit-value">
                        {formatCount(l.value)}
                      </span>
                    </span>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
    </Card>
  );
}
