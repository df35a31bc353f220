/** The success envelope: `{data, meta?}`. */
export interface Envelope<T, M = Record<string, unknown>> {
  data: T;
  meta?: M;
}

export function ok<T>(data: T, opts: { meta?: Record<string, unknown>; status?: number; headers?: HeadersInit } = {}): Response {
  const body: Envelope<T> = opts.meta ? { data, meta: opts.meta } : { data };
  return Response.json(body, { status: opts.status ?? 200, headers: opts.headers });
}
