import { REDIS_DECISION_TIMEOUT_MS } from "./policy";

/**
 * The port between the gateway's decision and Redis: one script, one trip, a hard deadline. Two
 * adapters: REST through `@upstash/redis` (rest-transport.ts; any runtime with `fetch`: Vercel with
 * Upstash, the local bridge) and TCP through ioredis (tcp-transport.ts; Node only, no bridge in
 * the way: the self-hosted build, `npm start` and Docker). GATEWAY_REDIS_TRANSPORT=tcp picks TCP
 * (the launcher and the compose file set it); anything else, or unset, is REST.
 */
export interface DecisionTransport {
  readonly name: "rest" | "tcp";
  /** Runs the decision script (EVALSHA; EVAL when Redis answers NOSCRIPT). Rejects with a TimeoutError past decisionTimeoutMs(). */
  decide(args: string[]): Promise<unknown[]>;
  /** Runs the refund script once (EVAL: a rare script is never loaded), with the same deadline. */
  refund(args: string[]): Promise<unknown>;
}

/** The decision's deadline: SPEC's 250 ms unless the operator (or a test on a loaded machine) sets GATEWAY_REDIS_TIMEOUT_MS. */
export function decisionTimeoutMs(): number {
  const configured = Number(process.env.GATEWAY_REDIS_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : REDIS_DECISION_TIMEOUT_MS;
}

export type TransportName = DecisionTransport["name"];

export function transportName(): TransportName {
  return process.env.GATEWAY_REDIS_TRANSPORT === "tcp" ? "tcp" : "rest";
}

const TRIPS = Symbol.for("switchboard.gateway.redisTrips");
type TripCounts = Record<TransportName, number>;

/**
 * Round trips the gateway made, per transport, kept on globalThis: proxy.ts and the route handlers
 * are separate bundles in one Node process, and /api/metrics reports them (switchboard_gateway_redis_trips_total).
 */
export function gatewayRedisTrips(): TripCounts {
  const g = globalThis as typeof globalThis & { [TRIPS]?: TripCounts };
  g[TRIPS] ??= { rest: 0, tcp: 0 };
  return g[TRIPS];
}

/** The error both adapters reject with when Redis did not answer in time (the caller may refund). */
export function timeoutError(ms: number): Error {
  const err = new Error(`Redis did not answer the gateway within ${ms} ms`);
  err.name = "TimeoutError";
  return err;
}

export function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
}
