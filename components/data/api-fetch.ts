import { ApiClientError, errorFromResponse } from "./api-error";

export type QueryValue = string | number | boolean | null | undefined;

export interface ApiFetchOptions extends Omit<RequestInit, "body"> {
  /** Appended as the query string; null/undefined values are skipped. */
  query?: Record<string, QueryValue | readonly QueryValue[]>;
  /** Sent as JSON (sets content-type). */
  json?: unknown;
}

/** `{data, meta}` as the API sends it. */
export interface ApiEnvelope<T, M = Record<string, unknown>> {
  data: T;
  meta?: M;
}

function withQuery(path: string, query: ApiFetchOptions["query"]): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(query)) {
    for (const v of Array.isArray(raw) ? raw : [raw]) if (v !== null && v !== undefined) params.append(key, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
}

/**
 * Browser fetch for `/api/**`: same-origin cookies (the session), JSON in and out, the `{data, meta}`
 * envelope returned whole. Throws `ApiClientError` (status, code, message, requestId, details,
 * retryAfterSec) for any non-2xx answer or when there is no answer at all (status 0).
 */
export async function apiFetchEnvelope<T, M = Record<string, unknown>>(
  path: string,
  opts: ApiFetchOptions = {},
): Promise<ApiEnvelope<T, M>> {
  const { query, json, headers, ...init } = opts;
  const h = new Headers(headers);
  if (!h.has("accept")) h.set("accept", "application/json");
  if (json !== undefined) h.set("content-type", "application/json");
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      credentials: "same-origin",
      ...init,
      headers: h,
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiClientError({ status: 0, code: "network_error", message: "Could not reach Switchboard." });
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) throw errorFromResponse(res, body);
  if (res.status === 204) return { data: undefined as T };
  if (!body || typeof body !== "object" || !("data" in body)) {
    throw new ApiClientError({
      status: res.status,
      code: "invalid_response",
      message: "The server sent an unexpected answer.",
      requestId: res.headers.get("x-request-id"),
    });
  }
  return body as ApiEnvelope<T, M>;
}

/** `apiFetchEnvelope` without the envelope: just `data`. The usual choice for `useQuery`. */
export async function apiFetch<T>(path: string, opts: ApiFetchOptions = {}): Promise<T> {
  return (await apiFetchEnvelope<T>(path, opts)).data;
}
