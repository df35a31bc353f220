import type { LimitOverrides, Tier } from "@/lib/db/schema/companies";
import { companyLimits, RESOURCE_CAPS, resourceCap } from "@/lib/gateway/rate-limit/policy";
import type { EffectiveLimit } from "./schemas";

type Limits = ReturnType<typeof companyLimits>;

/** Every limit as overrides name it, in the order the preview lists them: `[layer, key, value]`. */
function flatten(
  l: Limits,
  tier: Tier,
  overrides: LimitOverrides | null,
): ReadonlyArray<readonly [EffectiveLimit["layer"], string, number]> {
  return [
    ["company", "perHour", l.companyPerHour],
    ["user", "perHour", l.userPerHour],
    ...Object.entries(l.endpoint).map(([k, v]) => ["endpoint", k, v] as const),
    ...Object.entries(l.resource).map(([k, v]) => ["resource", k, v] as const),
    ...(Object.keys(RESOURCE_CAPS) as Array<keyof typeof RESOURCE_CAPS>).map(
      (r) => ["resource", `${r}Cap`, resourceCap(r, tier, overrides)] as const,
    ),
  ];
}

/**
 * A company's effective limits, layer by layer (the policy table with its tier and overrides, as the
 * gateway applies them), each beside what its tier alone gives and whether an override sets it.
 */
export function listEffectiveLimits(tier: Tier, overrides: LimitOverrides | null): EffectiveLimit[] {
  const defaults = flatten(companyLimits(tier, null), tier, null);
  return flatten(companyLimits(tier, overrides), tier, overrides).map(([layer, key, value], i) => ({
    layer,
    key,
    value,
    tierDefault: defaults[i]![2],
    overridden: typeof overrides?.[layer]?.[key] === "number",
  }));
}
