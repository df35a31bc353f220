import type { LayerName } from "./policy";

/**
 * Per-key usage, counted by the gateway script in its one trip (script.ts `usage`): one hash per key
 * and UTC day, `ku:<keyId>:<day number = epoch ms / 86 400 000>`, fields `ok`, `limited:<layer>`,
 * `refused`, and a set per day of the keys used in it, `ku:used:<day>` (members `<companyId>|<keyId>`).
 * Read by lib/services/api-keys/get-api-key-usage.ts; copied into MySQL (usage_counters) by
 * rollup-api-key-usage.ts so a Redis restart does not lose them. Constants only: pages import them too.
 */

/** Days GET /api/v1/api-keys/{id}/usage answers: today and the 29 before it (UTC). */
export const KEY_USAGE_WINDOW_DAYS = 30;

/** How long a day's hash lives after its day ends: the window plus a day of margin, so Redis memory stays bounded. */
export const KEY_USAGE_KEPT_DAYS = KEY_USAGE_WINDOW_DAYS + 1;

/** The layers an API key's request can be limited by (layer 2 is for people only). */
export const KEY_LIMIT_LAYERS = ["global", "global_burst", "company", "endpoint", "resource"] as const satisfies readonly LayerName[];
