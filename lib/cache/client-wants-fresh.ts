/**
 * True when the client asked to skip caches: `Cache-Control: no-cache` or `no-store` (RFC 9111), or
 * the HTTP/1.0 `Pragma: no-cache`. Pass the result as `bypass` to `cached()`.
 */
export function clientWantsFresh(headers: Headers): boolean {
  const directives = (headers.get("cache-control") ?? "")
    .toLowerCase()
    .split(",")
    .map((d) => d.trim().split("=")[0]);
  if (directives.includes("no-cache") || directives.includes("no-store")) return true;
  return (headers.get("pragma") ?? "").toLowerCase().includes("no-cache");
}
