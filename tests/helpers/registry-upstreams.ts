import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Upstream {
  url: string;
  /** Requests served, health checks excluded. */
  hits: number;
  /** Methods and paths it received, health checks excluded. */
  seen: Array<{ method: string; path: string; context: string | null; cookie: string | null }>;
  /** Status to answer non-health requests with (default 200). */
  status: number;
  kill(): Promise<void>;
}

/** A local instance of a remote service on port 0: `GET /health` 200, everything else JSON naming the instance. */
export async function startUpstream(label: string): Promise<Upstream> {
  const upstream: Upstream = { url: "", hits: 0, seen: [], status: 200, kill: async () => undefined };
  const server: Server = createServer((req, res) => {
    if (req.url === "/health") {
      res.writeHead(200).end("ok");
      return;
    }
    upstream.hits++;
    upstream.seen.push({
      method: req.method ?? "",
      path: req.url ?? "",
      context: (req.headers["x-gateway-context"] as string | undefined) ?? null,
      cookie: req.headers.cookie ?? null,
    });
    req.resume();
    req.on("end", () => {
      res.writeHead(upstream.status, { "content-type": "application/json", "x-upstream": label });
      res.end(JSON.stringify({ served: label, path: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.kill = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return upstream;
}
