/** API versions this gateway serves, newest first; a client pins one with `X-API-Version`. */
export const API_VERSIONS = ["2026-11-01"] as const;
export const CURRENT_API_VERSION = API_VERSIONS[0];

/** Step 5 (request transform): the version asked for, the current one by default, null when unknown. */
export function resolveApiVersion(header: string | null): string | null {
  if (!header) return CURRENT_API_VERSION;
  const v = header.trim();
  return (API_VERSIONS as readonly string[]).includes(v) ? v : null;
}
