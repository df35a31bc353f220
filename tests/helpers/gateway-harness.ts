import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { runGateway } from "@/lib/gateway/pipeline";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route export, whatever its params
type RouteFn = (req: Request, segment?: { params?: Promise<any> }) => Promise<Response>;

/**
 * The request path without Next: the edge pipeline, then the route handler with exactly the
 * headers the middleware would forward. A local HTTP server plays the Node side for the
 * gateway's miss path (/api/internal/gateway/resolve).
 */
export async function startInternalOrigin(resolve: RouteFn): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    });
    const out = await resolve(request);
    res.writeHead(out.status, Object.fromEntries(out.headers));
    res.end(Buffer.from(await out.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export async function throughGateway(
  req: Request,
  handler: RouteFn,
  opts: { internalOrigin?: string; params?: Record<string, string> } = {},
): Promise<Response> {
  const decision = await runGateway(req, { internalOrigin: opts.internalOrigin });
  if (decision.kind === "respond") return decision.response;
  const forwarded = new Request(req.url, {
    method: req.method,
    headers: decision.requestHeaders,
    body: req.body,
    duplex: "half",
  } as RequestInit);
  const res = await handler(forwarded, { params: Promise.resolve(opts.params ?? {}) });
  const out = new Response(res.body, res);
  decision.responseHeaders.forEach((v, k) => (k === "set-cookie" ? out.headers.append(k, v) : out.headers.set(k, v)));
  return out;
}
