import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { waitFor } from "../helpers/jobs-wait";

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The X-Request-Id this client sent (the gateway keeps a valid one): how the access log names the request. */
  requestId: string;
}

export interface CallOptions {
  headers?: Record<string, string>;
  body?: unknown;
  /** The client's own address (any 127.x.y.z on Linux), so nginx sees a client other than itself. */
  localAddress?: string;
}

let seq = 0;
const runTag = randomBytes(4).toString("hex");

/** One request on its own connection (no pooling: a burst is that many clients). */
export function call(base: string, method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
  const url = new URL(path, base);
  const requestId = `cluster-${runTag}-${(seq++).toString(36).padStart(4, "0")}`;
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent: false,
        localAddress: opts.localAddress,
        headers: {
          "x-request-id": requestId,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...opts.headers,
        },
        timeout: 30_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, requestId }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
    req.on("error", reject);
    req.end(body);
  });
}

export function json<T>(answer: Answer): T {
  return JSON.parse(answer.body) as T;
}

/** nginx's access log (tests/cluster/nginx-conf.ts): request id → the upstream that answered it. */
export function readAccessLog(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [id, ...upstream] = line.trim().split(" ");
    if (!id || upstream.length < 2) continue;
    // "$upstream_addr" lists every upstream tried ("a, b" after a retry): the last one answered.
    const addrs = upstream.slice(0, -1).join(" ").split(",");
    out.set(id, addrs[addrs.length - 1]!.trim());
  }
  return out;
}

/** Which replica answered: nginx writes the line as the request ends, so wait for it. */
export async function replicaOf(accessLog: string, answer: Answer): Promise<string> {
  return waitFor(() => readAccessLog(accessLog).get(answer.requestId), {
    timeoutMs: 5_000,
    everyMs: 20,
    what: `${answer.requestId} in the access log`,
  });
}
