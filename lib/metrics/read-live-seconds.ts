import { getRedis } from "@/lib/redis/client";
import { metricsKeys } from "./keys";
import { BUCKET_COUNT } from "./latency-buckets";

export interface TrafficSecond {
  sec: number;
  /** Requests answered by route handlers (all instances). */
  n: number;
  /** Sum of their durations, ms. */
  ms: number;
  status: Record<string, number>;
  /** Counts per latency bucket (latency-buckets.ts). */
  hist: number[];
  groups: Record<string, number>;
  /** resource → result → count (cluster-wide view only). */
  cache: Record<string, Record<string, number>>;
  fallbacks: Record<string, number>;
}

export interface EdgeSecond {
  sec: number;
  allowed: number;
  /** layer → 429s. */
  limited: Record<string, number>;
  /** auth | suspended → refusals. */
  denied: Record<string, number>;
}

type Hash = Record<string, unknown> | null;

function parseTraffic(sec: number, hash: Hash): TrafficSecond {
  const out: TrafficSecond = {
    sec,
    n: 0,
    ms: 0,
    status: {},
    hist: new Array<number>(BUCKET_COUNT).fill(0),
    groups: {},
    cache: {},
    fallbacks: {},
  };
  for (const [field, raw] of Object.entries(hash ?? {})) {
    const v = Number(raw);
    if (!Number.isFinite(v)) continue;
    if (field === "n") out.n = v;
    else if (field === "ms") out.ms = v;
    else if (field.startsWith("s:")) out.status[field.slice(2)] = v;
    else if (field.startsWith("h:")) {
      const i = Number(field.slice(2));
      if (i >= 0 && i < BUCKET_COUNT) out.hist[i] = v;
    } else if (field.startsWith("g:")) out.groups[field.slice(2)] = v;
    else if (field.startsWith("c:")) {
      const [resource, result] = field.slice(2).split(":") as [string, string | undefined];
      if (result) (out.cache[resource] ??= {})[result] = v;
    } else if (field.startsWith("f:")) out.fallbacks[field.slice(2)] = v;
  }
  return out;
}

function parseEdge(sec: number, hash: Hash): EdgeSecond {
  const out: EdgeSecond = { sec, allowed: 0, limited: {}, denied: {} };
  for (const [field, raw] of Object.entries(hash ?? {})) {
    const v = Number(raw);
    if (!Number.isFinite(v)) continue;
    if (field === "allowed") out.allowed = v;
    else if (field.startsWith("limited:")) out.limited[field.slice(8)] = v;
    else if (field.startsWith("denied:")) out.denied[field.slice(7)] = v;
  }
  return out;
}

/**
 * The per-second buckets of [fromSec, toSec] in ONE pipeline: route-handler traffic (cluster-wide or
 * one company's) and, when asked, the edge gateway's decisions for the same seconds.
 */
export async function readLiveSeconds(opts: {
  fromSec: number;
  toSec: number;
  companyId?: string | null;
  edge: boolean;
}): Promise<{ traffic: TrafficSecond[]; edge: EdgeSecond[] }> {
  const secs: number[] = [];
  for (let s = opts.fromSec; s <= opts.toSec; s++) secs.push(s);
  const p = getRedis().pipeline();
  for (const s of secs) p.hgetall(opts.companyId ? metricsKeys.companySecond(opts.companyId, s) : metricsKeys.second(s));
  if (opts.edge) for (const s of secs) p.hgetall(metricsKeys.edgeSecond(s));
  const results = secs.length === 0 ? [] : ((await p.exec()) as Hash[]);
  return {
    traffic: secs.map((s, i) => parseTraffic(s, results[i] ?? null)),
    edge: opts.edge ? secs.map((s, i) => parseEdge(s, results[secs.length + i] ?? null)) : [],
  };
}
