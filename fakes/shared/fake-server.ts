import http from "node:http";
import type { AddressInfo } from "node:net";
import { faultApplies, faultOrderSchema, mergeFaults, NO_FAULTS, type Faults } from "./faults";
import { FakeHttpError, json, matchRoute, type FakeRequest, type FakeResponse, type Route } from "./http";

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, else the text (Stripe's form bodies stay text). */
  body: unknown;
  status: number;
}

/** One vendor's fake: its API routes, how it authenticates, how it says "error", its own control routes. */
export interface FakeSpec<A> {
  name: string;
  routes: Route<A>[];
  /** Extra `/__fake/…` routes (send-webhook, inbound calls, public key …). */
  control?: Route<null>[];
  /** Pages a person's browser opens (Stripe's hosted checkout and portal): no API key, no faults. */
  pages?: Route<null>[];
  /** The account a request's credentials open, or null (→ 401). */
  authenticate(req: FakeRequest<null>): A | null;
  /** The vendor's error body for a status. */
  errorResponse(status: number, message: string, code?: string): FakeResponse;
  /** Headers of a forced 429 (the vendor's rate-limit dialect). */
  rateLimitHeaders(retryAfterSec: number): Record<string, string>;
  /** Runs on every API answer (SendGrid stamps X-RateLimit-* on all of them). */
  decorate?(req: FakeRequest<A | null>, res: FakeResponse): FakeResponse;
  /** Forget all state (accounts stay). */
  reset(): void;
  /** A JSON snapshot of the state for `GET /__fake/state`. */
  state(): unknown;
}

export interface FakeServer {
  name: string;
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_RECORDED = 2_000;

/**
 * A vendor fake on plain node:http: routes, auth, faults, recorded requests, control API.
 *
 * Control API (never subject to faults or auth):
 *   POST   /__fake/faults     merge a fault order (see faults.ts)      DELETE /__fake/faults   clear
 *   POST   /__fake/reset      clear state, faults and recorded requests
 *   GET    /__fake/requests   recorded API requests, oldest first      DELETE /__fake/requests clear
 *   GET    /__fake/state      the fake's state
 */
export async function startFakeServer<A>(spec: FakeSpec<A>, opts: { port?: number; host?: string } = {}): Promise<FakeServer> {
  let faults: Faults = { ...NO_FAULTS };
  let recorded: RecordedRequest[] = [];

  const control: Route<null>[] = [
    {
      method: "POST",
      pattern: "/__fake/faults",
      handler: (req) => json(200, { faults: (faults = mergeFaults(faults, faultOrderSchema.parse(req.json() ?? {}))) }),
    },
    { method: "DELETE", pattern: "/__fake/faults", handler: () => json(200, { faults: (faults = { ...NO_FAULTS }) }) },
    {
      method: "POST",
      pattern: "/__fake/reset",
      handler: () => {
        spec.reset();
        faults = { ...NO_FAULTS };
        recorded = [];
        return json(200, { reset: true });
      },
    },
    { method: "GET", pattern: "/__fake/requests", handler: () => json(200, { requests: recorded }) },
    { method: "DELETE", pattern: "/__fake/requests", handler: () => json(200, { requests: (recorded = []) }) },
    { method: "GET", pattern: "/__fake/state", handler: () => json(200, spec.state()) },
    ...(spec.control ?? []),
  ];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      handle(req, Buffer.concat(chunks)).then(
        (answer) => {
          if (answer === "drop") return void req.socket.destroy();
          write(res, answer);
        },
        (err: unknown) => write(res, spec.errorResponse(500, `fake ${spec.name} crashed: ${String(err)}`)),
      );
    });
  });

  async function handle(req: http.IncomingMessage, rawBody: Buffer): Promise<FakeResponse | "drop"> {
    const url = new URL(req.url ?? "/", "http://fake");
    const base: FakeRequest<null> = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      params: {},
      account: null,
      json: () => parseJson(rawBody),
    };

    if (url.pathname.startsWith("/__fake/")) {
      const hit = matchRoute(control, base.method, base.path);
      if (!hit) return json(404, { error: `no control route ${base.method} ${base.path}` });
      try {
        return await hit.route.handler({ ...base, params: hit.params });
      } catch (err) {
        return json(err instanceof FakeHttpError ? err.status : 400, { error: err instanceof Error ? err.message : String(err) });
      }
    }

    const page = spec.pages ? matchRoute(spec.pages, base.method, base.path) : null;
    if (page) {
      try {
        return await page.route.handler({ ...base, params: page.params });
      } catch (err) {
        const status = err instanceof FakeHttpError ? err.status : 400;
        return {
          status,
          text: `<!doctype html><p>${status}: ${escapeHtml(err instanceof Error ? err.message : String(err))}</p>`,
          headers: { "content-type": "text/html; charset=utf-8" },
        };
      }
    }

    const applies = faultApplies(faults, base.path);
    if (applies && faults.down) return "drop";
    const answer = await answerApi(base, applies);
    const decorated = spec.decorate ? spec.decorate(base, answer) : answer;
    recorded.push(recordOf(base, decorated.status));
    if (recorded.length > MAX_RECORDED) recorded.shift();
    if (applies && faults.latencyMs > 0 && faults.latencyNext !== 0) {
      if (faults.latencyNext !== undefined) faults.latencyNext--;
      await new Promise((r) => setTimeout(r, faults.latencyMs));
    }
    return decorated;
  }

  async function answerApi(base: FakeRequest<null>, applies: boolean): Promise<FakeResponse> {
    if (applies && faults.rateLimitNext > 0) {
      faults.rateLimitNext--;
      const limited = spec.errorResponse(429, "Too many requests", "rate_limited");
      return { ...limited, headers: { ...limited.headers, ...spec.rateLimitHeaders(faults.retryAfter) } };
    }
    const failAfter = applies && faults.failNext > 0 && faults.afterEffect;
    if (applies && faults.failNext > 0 && !faults.afterEffect) {
      faults.failNext--;
      return spec.errorResponse(faults.status, "Injected failure");
    }
    if (failAfter) faults.failNext--;

    const hit = matchRoute(spec.routes, base.method, base.path);
    if (!hit) return spec.errorResponse(404, `Cannot ${base.method} ${base.path}`, "not_found");
    const account = spec.authenticate(base);
    if (account === null) return spec.errorResponse(401, "Unauthorized", "unauthorized");
    let answer: FakeResponse;
    try {
      answer = await hit.route.handler({ ...base, params: hit.params, account });
    } catch (err) {
      if (err instanceof FakeHttpError) answer = spec.errorResponse(err.status, err.message, err.code);
      else if (err instanceof Error && err.name === "ZodError") answer = spec.errorResponse(400, err.message, "validation_error");
      else throw err;
    }
    // The work is done; the answer is lost on its way back.
    return failAfter ? spec.errorResponse(faults.status, "Injected failure after effect") : answer;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host && opts.host !== "0.0.0.0" ? opts.host : "127.0.0.1";
  return {
    name: spec.name,
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function write(res: http.ServerResponse, answer: FakeResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: string | Buffer = "";
  if (answer.bytes !== undefined) payload = answer.bytes;
  else if (answer.text !== undefined) payload = answer.text;
  else if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    headers["content-type"] ??= "application/json";
  }
  res.writeHead(answer.status, headers);
  res.end(payload);
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8")) as unknown;
  } catch {
    throw new FakeHttpError(400, "Body is not valid JSON", "invalid_json");
  }
}

function recordOf(req: FakeRequest<null>, status: number): RecordedRequest {
  const text = req.rawBody.toString("utf8");
  let body: unknown = text === "" ? undefined : text;
  if (String(req.headers["content-type"] ?? "").includes("json")) {
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
  return { at: Date.now(), method: req.method, path: req.path, query: Object.fromEntries(req.query), headers, body, status };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
