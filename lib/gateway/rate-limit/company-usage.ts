/**
 * Per-company usage of each UTC day, counted by the gateway script in its one trip (script.ts
 * `companyUsage`): one hash per company and day, `cu:<companyId>:<day number = epoch ms / 86 400 000>`,
 * fields `n` (admitted API requests), `g:<endpoint group>` and `k:<API key id | session>`, and a set
 * per day of the companies counted in it, `cu:used:<day>`. Only admitted requests that name an
 * endpoint group (API calls, not page views) count. Copied into usage_counters by
 * lib/services/billing/rollup-company-usage.ts (the `key-usage-rollup` job), so a Redis restart loses
 * at most the minutes since the last run; read by lib/services/billing/get-billing-usage.ts.
 */

/** How long a day's hash lives after its day ends (the rollup copies it long before). */
export const COMPANY_USAGE_KEPT_DAYS = 3;

/** The dimension of people's requests (sessions and bearer tokens) in the by-credential counts. */
export const SESSION_DIMENSION = "session";
