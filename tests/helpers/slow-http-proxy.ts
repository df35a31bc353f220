import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP relay that forwards each request at once and holds the answer back for `delayMs`: a
 * dependency that does the work but answers late (here, Redis behind the REST bridge past the
 * gateway's deadline), which a stopped server cannot show.
 */
export async function startSlowHttpProxy(target: string, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "host") headers.set(k, v);
        const body = Buffer.concat(chunks);
        try {
          const answer = await fetch(new URL(req.url ?? "/", target), {
            method: req.method,
            headers,
            body: body.length > 0 ? body : undefined,
          });
          const text = Buffer.from(await answer.arrayBuffer());
          await new Promise((r) => setTimeout(r, delayMs));
          if (res.destroyed) return;
          res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
          res.end(text);
        } catch {
          if (!res.destroyed) res.writeHead(502).end();
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
