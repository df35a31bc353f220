/** The page a request is for (path and query, without Next's `_rsc` cache buster), for server pages' sign-in redirects. */
export const PAGE_PATH_HEADER = "x-gateway-page-path";

export function pagePath(url: URL): string {
  const search = new URLSearchParams(url.search);
  search.delete("_rsc");
  const query = search.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}
