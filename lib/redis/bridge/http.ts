import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { BadRequest } from "./request";

/** Reads the whole body, refusing (413) past `limit` bytes, whether announced or streamed. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const announced = Number(req.headers["content-length"] ?? 0);
  if (announced > limit) throw new BadRequest(`ERR request body exceeds ${limit} bytes`, 413);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BadRequest(`ERR request body exceeds ${limit} bytes`, 413);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/**
 * Compares the presented credential with the token in constant time. Hashing both first gives equal
 * lengths, so neither the content nor the length of the token leaks through timing.
 */
export function tokenMatcher(token: string): (presented: string | undefined) => boolean {
  const expected = createHash("sha256").update(token).digest();
  return (presented) => {
    if (presented === undefined) return false;
    const actual = createHash("sha256").update(presented).digest();
    return timingSafeEqual(actual, expected);
  };
}

/** `Authorization: Bearer <token>`, the only place the bridge takes its token from. */
export function presentedToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization?.trim() ?? "");
  return match?.[1];
}

/**
 * Upstash also takes the token as `?_token=`; the bridge refuses any request that carries one, even
 * alongside a valid header: a URL lands in access logs, proxies and shell history.
 */
export function tokenInUrl(url: URL): boolean {
  return url.searchParams.has("_token");
}
