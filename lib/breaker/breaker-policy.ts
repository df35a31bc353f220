import { breakerEnv } from "@/lib/env/breaker";
import { BREAKER_DEFAULTS, BREAKER_POLICIES, type BreakerPolicy } from "./policy";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/**
 * The effective policy of a dependency: defaults, then its table row, then a caller's override —
 * and last `BREAKER_OPEN_SECONDS` (lib/env/breaker.ts) when set, which replaces `openSec` for every
 * dependency (tests and demos shorten the open period with it).
 */
export function breakerPolicy(name: string, override: Partial<BreakerPolicy> = {}): BreakerPolicy {
  if (!NAME.test(name)) throw new TypeError(`breaker: invalid dependency name ${JSON.stringify(name)}`);
  const row: Partial<BreakerPolicy> = Object.hasOwn(BREAKER_POLICIES, name) ? BREAKER_POLICIES[name as keyof typeof BREAKER_POLICIES] : {};
  const openSec = breakerEnv().BREAKER_OPEN_SECONDS;
  const policy = { ...BREAKER_DEFAULTS, ...row, ...override, ...(openSec === undefined ? {} : { openSec }) };
  for (const [k, v] of Object.entries(policy)) {
    if (!Number.isFinite(v) || v <= 0) throw new TypeError(`breaker: ${name}.${k} must be a positive number`);
  }
  return policy;
}
