import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Captured {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The body exactly as it arrived. */
  raw: string;
}

export type Capture = Awaited<ReturnType<typeof startCapture>>;

/** A webhook receiver for tests: records every delivery's raw body and headers, answers 200. */
export async function startCapture(): Promise<{ url: string; received: Captured[]; close(): Promise<void> }> {
  const received: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "/", headers: req.headers, raw: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
