import type { IncomingHttpHeaders } from "node:http";

export interface FakeRequest<A = unknown> {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Path parameters (`:id` in the route pattern). */
  params: Record<string, string>;
  /** The authenticated account, for API routes. */
  account: A;
  /** The body as JSON; throws FakeHttpError(400) when it is not. */
  json(): unknown;
}

export interface FakeResponse {
  status: number;
  /** Sent as JSON unless `text` or `bytes` is given. */
  body?: unknown;
  text?: string;
  bytes?: Buffer;
  headers?: Record<string, string>;
}

export type Handler<A = unknown> = (req: FakeRequest<A>) => FakeResponse | Promise<FakeResponse>;

export interface Route<A = unknown> {
  method: string;
  /** `/v2/get-call/:id` */
  pattern: string;
  handler: Handler<A>;
}

/** Thrown by handlers to answer with the vendor's error shape. */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export function matchRoute<A>(
  routes: Route<A>[],
  method: string,
  path: string,
): { route: Route<A>; params: Record<string, string> } | null {
  const parts = path.split("/").filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const want = route.pattern.split("/").filter(Boolean);
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < want.length; i++) {
      const w = want[i]!;
      if (w.startsWith(":")) params[w.slice(1)] = decodeURIComponent(parts[i]!);
      else if (w !== parts[i]) ok = false;
    }
    if (ok) return { route, params };
  }
  return null;
}

export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "");
  return m ? m[1]! : null;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): FakeResponse => ({ status, body, headers });
