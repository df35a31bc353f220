import { BREAKER_DEFAULTS, BREAKER_POLICIES, type BreakerPolicy } from "./policy";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/** The effective policy of a dependency: defaults, then its table row, then a caller's override. */
export function breakerPolicy(name: string, override: Partial<BreakerPolicy> = {}): BreakerPolicy {
  if (!NAME.test(name)) throw new TypeError(`breaker: invalid dependency name ${JSON.stringify(name)}`);
  const row: Partial<BreakerPolicy> = Object.hasOwn(BREAKER_POLICIES, name) ? BREAKER_POLICIES[name as keyof typeof BREAKER_POLICIES] : {};
  const policy = { ...BREAKER_DEFAULTS, ...row, ...override };
  for (const [k, v] of Object.entries(policy)) {
    if (!Number.isFinite(v) || v <= 0) throw new TypeError(`breaker: ${name}.${k} must be a positive number`);
  }
  return policy;
}
