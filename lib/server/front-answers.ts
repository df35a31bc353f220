import { randomBytes, timingSafeEqual } from "node:crypto";
import { MemoryLru } from "@/lib/cache/memory-lru";
import type { GatewayContext } from "@/lib/gateway/context";

/**
 * Front answers: the self-hosted server (scripts/server.ts) answers a repeated read before Next.
 *
 * A cache HIT inside Next still pays Next's routing, the proxy's invocation and the handler around a
 * memory lookup: most of a request. So for the few read routes listed here, the Node server in front
 * of Next runs the gateway itself (the same lib/gateway pipeline: every layer counted, the same one
 * Redis trip) and, when the handler's last answer for the same caller and URL is still current,
 * writes it out without entering Next.
 *
 * "Current" is the cache's own rule (lib/cache/epoch.ts): an answer is kept only when every cache read
 * the handler made was current as of its request's cache epoch (no STALE, no BYPASS, no load whose write
 * did not land), and is reused only while its entries are fresh and the new decision saw the same epoch
 * for the company — any invalidation since moved it. The key holds everything the handler's
 * authorization and shaping read from the context (company, person or key, role, scopes, platform
 * admin, tier, API version) and the exact path and query, so an answer is never served to a caller the
 * handler would have answered differently.
 *
 * Only scripts/server.ts turns this on: on Vercel (no such server) nothing is kept and the proxy always
 * decides. The state is on globalThis because the server and Next's bundles are separate module graphs
 * in one process. A request the server decided but could not answer carries DECIDED_HEADER with this
 * process's random nonce, and proxy.ts passes it without deciding again (one decision, one count).
 */
export const DECIDED_HEADER = "x-gateway-decided";

/**
 * The read routes whose answers the server may reuse: GET only. A route joins only when its handler's answer
 * is built from `cached()` reads and the request alone (no direct SQL, no remote call, no clock: a clock that
 * moves the answer says so with `answerChangesAt`, as the overview does at the company's midnight); the
 * ledger sees cache reads, not what else a handler might do.
 */
const REUSABLE_ROUTES: readonly RegExp[] = [/^\/api\/v1\/dashboard\/overview$/, /^\/api\/v1\/calls$/];

export interface FrontAnswer {
  /** Epoch ms until which every entry it was built from is fresh. */
  freshUntil: number;
  body: string;
  /** The company's cache epoch its request's decision saw. */
  epoch: string;
  status: number;
  /** The handler's headers, without the request id (each answer gets its own). */
  headers: [string, string][];
  /** For the metrics a reuse records, as the handler did. */
  group: string;
  resources: string[];
  /** The body gzipped, made the first time a client that accepts gzip is answered with it. */
  gzip?: Buffer;
}

interface FrontAnswers {
  /** The nonce as sent in DECIDED_HEADER (base64url text, compared as bytes of text: no lenient decoding). */
  nonce: Buffer;
  answers: MemoryLru<FrontAnswer>;
}

const KEY = Symbol.for("switchboard.front-answers");
const slot = globalThis as typeof globalThis & { [KEY]?: FrontAnswers };

/** Called by scripts/server.ts before Next starts. Returns this process's nonce for DECIDED_HEADER. */
export function enableFrontAnswers(maxEntries = 500, maxBodyChars = 128 * 1024): string {
  slot[KEY] ??= {
    nonce: Buffer.from(randomBytes(24).toString("base64url")),
    answers: new MemoryLru<FrontAnswer>(maxEntries, maxBodyChars),
  };
  return slot[KEY].nonce.toString();
}

/** The store, when this process's server turned it on. */
export function frontAnswers(): MemoryLru<FrontAnswer> | undefined {
  return slot[KEY]?.answers;
}

/** True when the request carries this process's nonce: the server in front already decided it. */
export function decidedByServer(value: string | null): boolean {
  const state = slot[KEY];
  if (!state || !value) return false;
  const given = Buffer.from(value);
  return given.length === state.nonce.length && timingSafeEqual(given, state.nonce);
}

export function isReusableRoute(method: string, path: string): boolean {
  return method === "GET" && REUSABLE_ROUTES.some((re) => re.test(path));
}

/** One answer per caller identity as the handler sees it and exact path and query. */
export function frontAnswerKey(ctx: GatewayContext, pathAndQuery: string): string {
  return JSON.stringify([ctx.cid, ctx.auth, ctx.uid, ctx.kid, ctx.role, ctx.scopes, ctx.pa, ctx.tier, ctx.ver, pathAndQuery]);
}
