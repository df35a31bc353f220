import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { connectConfined } from "./confinement";
import { encodeReply } from "./encoding";
import { answeredByBridge, Executor, RedisUnavailable, type Outcome, type PreparedCommand } from "./executor";
import { presentedToken, readBody, sendJson, tokenInUrl, tokenMatcher } from "./http";
import { refusal } from "./policy";
import { BadRequest, commandFromPath, parseJson, toCommand, toCommandList, type CommandArgs } from "./request";
import { ScriptShas, type ScriptGuard } from "./scripts";

export { AclSetupError } from "./confinement";
export { maskPassword, RedisUnreachableError } from "./connect";
export type { ScriptGuard } from "./scripts";

/**
 * An Upstash-compatible REST server in front of a real Redis, for local runs, tests and Docker:
 *
 *   POST /             ["SET","k","v"]             → {"result":"OK"}            (400 {"error"} on a Redis error)
 *   POST /pipeline     [["SET","k","v"],["GET","k"]] → [{"result":…},{"error":…}] (always 200)
 *   POST /multi-exec   same, inside MULTI/EXEC        → [{"result":…},{"error":…}] (400 if the transaction aborts)
 *   GET|POST /set/k/v  the path form, for curl
 *   GET /__bridge/stats  request and command counters
 *
 * Every route wants `Authorization: Bearer <token>`; a token in the URL (`?_token=`, which Upstash
 * also takes) is refused, since URLs end up in logs and proxies. `Upstash-Encoding: base64` selects
 * the client's default reply encoding (see encoding.ts).
 *
 * Only the allowlisted commands run (allowlist.ts, policy.ts), and Lua scripts are kept to the same
 * list, by Redis' ACL or by the bridge's own check (confinement.ts, lua-check.ts).
 *
 * `upstash-sync-token` (read-your-writes): Upstash uses it to make a replica wait for the writes a
 * client has seen. Behind this bridge is a single Redis, where every read already sees every
 * acknowledged write, so the token carries no information; it is echoed back so the client's
 * session state stays whatever it was.
 */

export interface BridgeOptions {
  redisUrl: string;
  token: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Larger bodies get 413; default 10 MB. */
  maxBodyBytes?: number;
  /**
   * Set up this Redis ACL user, allowed only the allowlist and this database, and serve every request
   * as it (REDIS_URL's user must be allowed ACL SETUSER). Without it, the bridge asks Redis whether
   * REDIS_URL's user is already that confined, and checks scripts itself when it is not.
   */
  aclUser?: string;
  /** Connection trouble and unexpected errors; silent when omitted. */
  log?: (line: string) => void;
}

export interface BridgeStats {
  /** Authorized HTTP requests, the stats endpoint excluded. */
  requests: number;
  /** Commands sent to Redis on behalf of clients. */
  commands: number;
  /** Commands Redis answered with an error. */
  redisErrors: number;
}

export interface Bridge {
  url: string;
  port: number;
  /** What keeps Lua scripts to the allowlist (confinement.ts). */
  scriptGuard: ScriptGuard;
  stats(): BridgeStats;
  resetStats(): void;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
const SYNC_TOKEN = "upstash-sync-token";

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const log = opts.log ?? (() => {});
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const isAuthorized = tokenMatcher(opts.token);
  const { redis, guard, detail } = await connectConfined({ redisUrl: opts.redisUrl, token: opts.token, aclUser: opts.aclUser, log });
  log(
    guard === "redis-acl"
      ? `bridge: Lua scripts confined by Redis' ACL (${detail})`
      : `bridge: Lua scripts checked by the bridge before they reach Redis (${detail}; set BRIDGE_ACL_USER to let Redis enforce it)`,
  );
  const scripts = new ScriptShas(redis, (err) => log(`bridge: could not store a script mapping: ${String(err)}`), guard);
  const executor = new Executor(redis);
  const counters: BridgeStats = { requests: 0, commands: 0, redisErrors: 0 };

  const prepare = async (commands: CommandArgs[]): Promise<PreparedCommand[]> => {
    // The only Redis call here is the SHA lookup; if it fails, Redis is what failed.
    const rewritten = await scripts.rewrite(commands).catch((err: unknown) => {
      throw new RedisUnavailable(err);
    });
    // An allowlist refusal comes first; the script check's own refusal stands otherwise.
    return rewritten.map((r, i) => ({ ...r, refused: refusal(commands[i] as CommandArgs) ?? r.refused }));
  };

  const count = (prepared: PreparedCommand[], outcomes: Outcome[]) => {
    prepared.forEach((c, i) => {
      if (answeredByBridge(c) !== undefined) return;
      counters.commands++;
      if (outcomes[i] && "error" in outcomes[i]) counters.redisErrors++;
    });
  };

  const toJson = (outcome: Outcome, base64: boolean) =>
    "error" in outcome ? { error: outcome.error } : { result: encodeReply(outcome.result, base64) };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, headers: Record<string, string>) {
    const method = req.method ?? "GET";
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const path = url.pathname;
    const isBatch = path === "/pipeline" || path === "/multi-exec";

    if ((path === "/" || isBatch) && method !== "POST") {
      throw new BadRequest(`ERR ${path} takes a POST with a JSON body`, 405);
    }
    if (path !== "/" && !isBatch && method !== "GET" && method !== "POST") {
      throw new BadRequest("ERR the path form takes GET or POST", 405);
    }
    const body = await readBody(req, maxBody);

    if (!isBatch) {
      const command = path === "/" ? toCommand(parseJson(body)) : commandFromPath(url, body);
      const prepared = await prepare([command]);
      const outcome = await executor.single(prepared[0] as PreparedCommand);
      count(prepared, [outcome]);
      return sendJson(res, "error" in outcome ? 400 : 200, toJson(outcome, base64), headers);
    }

    const prepared = await prepare(toCommandList(parseJson(body)));
    if (path === "/pipeline") {
      const outcomes = await executor.pipeline(prepared);
      count(prepared, outcomes);
      return sendJson(
        res,
        200,
        outcomes.map((o) => toJson(o, base64)),
        headers,
      );
    }
    const outcomes = await executor.multi(prepared);
    if ("aborted" in outcomes) {
      counters.redisErrors++;
      return sendJson(res, 400, { error: outcomes.aborted }, headers);
    }
    count(prepared, outcomes);
    return sendJson(
      res,
      200,
      outcomes.map((o) => toJson(o, base64)),
      headers,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = requestUrl(req.url);
    if (!url) return sendJson(res, 400, { error: "ERR malformed request target" });
    if (tokenInUrl(url)) {
      return sendJson(res, 400, { error: "ERR the token goes in the Authorization header (Bearer), never in the URL" });
    }
    if (!isAuthorized(presentedToken(req))) {
      return sendJson(res, 401, { error: "Unauthorized" });
    }
    if (url.pathname === "/__bridge/stats") {
      return sendJson(res, 200, { ...counters });
    }
    counters.requests++;
    const syncToken = req.headers[SYNC_TOKEN];
    const headers: Record<string, string> = typeof syncToken === "string" ? { [SYNC_TOKEN]: syncToken } : {};
    try {
      await route(req, res, url, headers);
    } catch (err) {
      if (req.socket.destroyed) return; // the client hung up mid-request: nobody to answer
      if (err instanceof BadRequest) {
        // Past the size limit, stop reading: close the connection instead of draining the upload.
        const close: Record<string, string> = err.status === 413 ? { connection: "close" } : {};
        return sendJson(res, err.status, { error: err.message }, { ...headers, ...close });
      }
      if (err instanceof RedisUnavailable) {
        return sendJson(res, 503, { error: `ERR ${err.message}` }, headers);
      }
      log(`bridge: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return sendJson(res, 500, { error: "ERR internal bridge error" }, headers);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Only reachable if writing the response itself failed (client gone): nothing left to answer.
      log(`bridge: could not answer: ${String(err)}`);
      res.destroy();
    });
  });

  const host = opts.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    scriptGuard: guard,
    stats: () => ({ ...counters }),
    resetStats: () => {
      counters.requests = 0;
      counters.commands = 0;
      counters.redisErrors = 0;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // A blocked BLPOP must not hold shutdown hostage.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Origin-form only: `new URL("//set/k", base)` would read "set" as a host name. */
function requestUrl(target: string | undefined): URL | undefined {
  if (!target?.startsWith("/")) return undefined;
  try {
    return new URL(`http://bridge${target}`);
  } catch {
    return undefined;
  }
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
