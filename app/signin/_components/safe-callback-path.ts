const BASE = "http://switchboard.invalid";

/**
 * Where to send a person after sign-in: only a path on this site, as the browser itself would
 * resolve it. The raw value is parsed as a URL relative to a placeholder origin (the WHATWG parser
 * a browser uses: backslashes count as slashes, tabs and newlines vanish, `%2F`/`%5C` stay inside
 * the path) and refused unless it resolves to that same origin; the result is re-serialised from
 * its path, query and hash, so what the page navigates to is exactly what was checked. A result
 * that starts with `//` or `/\` (a protocol-relative URL to another host) is refused too.
 */
export function safeCallbackPath(raw: unknown, fallback = "/dashboard"): string {
  // A repeated query parameter arrives as an array: not a path.
  if (typeof raw !== "string" || raw.length > 2048 || !raw.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
