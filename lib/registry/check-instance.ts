import { connect } from "node:net";

export interface InstanceCheck {
  ok: boolean;
  latencyMs: number;
  /** Short and safe: `tcp: ECONNREFUSED`, `tcp: timeout`, `http 503`, `http: timeout`. */
  error: string | null;
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown; cause?: { code?: unknown } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return "timeout";
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : "error";
}

function tcpConnect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const done = (err?: Error) => {
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () => done(Object.assign(new Error("connect timeout"), { name: "TimeoutError" })));
    socket.once("connect", () => done());
    socket.once("error", done);
  });
}

/**
 * One health check: a TCP connect to the instance's host and port, then `GET <url>/health`, which
 * must answer 2xx within the timeout. The TCP step names a dead host or port precisely; the HTTP step
 * catches a process that accepts connections but cannot serve.
 */
export async function checkInstance(url: string, timeoutMs: number): Promise<InstanceCheck> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const port = Number(target.port) || (target.protocol === "https:" ? 443 : 80);
  try {
    await tcpConnect(target.hostname.replace(/^\[|\]$/g, ""), port, timeoutMs);
  } catch (err) {
    return { ok: false, latencyMs: elapsed(), error: `tcp: ${errorCode(err)}` };
  }
  try {
    const res = await fetch(`${url}/health`, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "manual",
      headers: { "user-agent": "switchboard-registry" },
    });
    await res.body?.cancel().catch(() => undefined);
    return res.ok ? { ok: true, latencyMs: elapsed(), error: null } : { ok: false, latencyMs: elapsed(), error: `http ${res.status}` };
  } catch (err) {
    return { ok: false, latencyMs: elapsed(), error: `http: ${errorCode(err)}` };
  }
}
