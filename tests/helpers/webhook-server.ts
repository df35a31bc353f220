import http from "node:http";
import type { AddressInfo } from "node:net";

export type RouteHandler = (req: Request) => Promise<Response>;

/**
 * A real HTTP server in front of route handlers (the exported POST functions), so the vendor fakes
 * deliver webhooks to them exactly as they would to the app: raw bytes, their headers, our status.
 */
export async function startRouteServer(routes: Record<string, RouteHandler>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
        const handler = routes[url.pathname];
        if (!handler) {
          res.writeHead(404).end();
          return;
        }
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        const body = Buffer.concat(chunks);
        try {
          const answer = await handler(new Request(url, { method: req.method, headers, body: body.length > 0 ? body : undefined }));
          res.writeHead(answer.status, Object.fromEntries(answer.headers));
          res.end(Buffer.from(await answer.arrayBuffer()));
        } catch (err) {
          res.writeHead(599).end(String(err));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Replays a delivery the fakes reported (`sent`) to a route, optionally tampered with. */
export async function replay(
  target: string,
  sent: { headers: Record<string, string>; body: string },
  over: { body?: string; headers?: Record<string, string> } = {},
) {
  const res = await fetch(target, { method: "POST", headers: { ...sent.headers, ...over.headers }, body: over.body ?? sent.body });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as WebhookAnswer };
}

export interface WebhookAnswer {
  data?: { received: true; duplicate?: boolean; requeued?: boolean; ignored?: boolean; id?: string };
  error?: { code: string; message: string; requestId: string };
}
