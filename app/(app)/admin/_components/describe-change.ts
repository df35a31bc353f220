import type { AdminAuditEntry } from "@/lib/services/admin/schemas";

type Overrides = Record<string, Record<string, number>> | null | undefined;

const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** `endpoint.calls: tier → 50` for every limit that differs between two override sets ("tier": no override). */
function overrideDiff(from: Overrides, to: Overrides): string[] {
  const keys = new Set<string>();
  for (const set of [from, to])
    for (const [layer, values] of Object.entries(set ?? {})) for (const k of Object.keys(values)) keys.add(`${layer}.${k}`);
  return [...keys].sort().flatMap((path) => {
    const [layer, key] = path.split(".") as [string, string];
    const a = from?.[layer]?.[key];
    const b = to?.[layer]?.[key];
    return a === b ? [] : [`${path}: ${a ?? "tier"} → ${b ?? "tier"}`];
  });
}

/** One line of what an audit row changed, from its metadata (before/after, reason, note), for the log's table. */
export function describeChange(entry: AdminAuditEntry): string {
  const m = entry.metadata ?? {};
  const note = typeof m.note === "string" ? ` · Note: ${m.note}` : "";
  switch (entry.action) {
    case "company.tier_changed":
      return `${text(m.from)} → ${text(m.to)}${note}`;
    case "company.suspended":
      return `Reason: ${text(m.reason)}${note}`;
    case "company.reactivated":
      return `Was suspended for: ${text(m.previousReason)}${note}`;
    case "company.suspension_reason_changed":
      return `${text(m.from)} → ${text(m.to)}${note}`;
    case "company.limits_overridden": {
      const diff = overrideDiff(m.from as Overrides, m.to as Overrides);
      return `${diff.length ? diff.join(", ") : "no limit changed"}${note}`;
    }
    default: {
      const rest = Object.entries(m)
        .filter(([k]) => k !== "before" && k !== "after")
        .map(([k, v]) => `${k}: ${text(v)}`)
        .join(", ");
      return rest.length > 160 ? `${rest.slice(0, 159)}…` : rest || "—";
    }
  }
}
