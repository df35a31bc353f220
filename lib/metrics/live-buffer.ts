import { bucketIndex } from "./latency-buckets";
import type { CacheResult, StatusClass } from "./labels";

type Fields = Map<string, number>;

export interface BufferedRequest {
  sec: number;
  group: string;
  statusClass: StatusClass;
  ms: number;
  companyId: string | null;
}

export interface BufferSnapshot {
  /** epoch second → field → increment (all companies). */
  seconds: Map<number, Fields>;
  /** `<companyId> <sec>` → field → increment. */
  companies: Map<string, Fields>;
  /** Monotonic cluster totals: field → increment. */
  totals: Fields;
}

function add(fields: Fields, field: string, by = 1) {
  fields.set(field, (fields.get(field) ?? 0) + by);
}

function at<K>(map: Map<K, Fields>, key: K): Fields {
  let fields = map.get(key);
  if (!fields) map.set(key, (fields = new Map()));
  return fields;
}

/** Past this many distinct seconds (Redis unreachable for two minutes) the oldest are dropped: they would have expired anyway. */
const MAX_PENDING_SECONDS = 120;

/**
 * What one instance counted since its last flush, already folded into the shape it is written in:
 * per-second hashes (cluster-wide and per company) plus monotonic totals. Recording is a few Map
 * updates; the flush turns the whole buffer into one Redis pipeline.
 */
export class LiveBuffer {
  private state: BufferSnapshot = LiveBuffer.empty();

  static empty(): BufferSnapshot {
    return { seconds: new Map(), companies: new Map(), totals: new Map() };
  }

  get isEmpty(): boolean {
    return this.state.seconds.size === 0 && this.state.totals.size === 0;
  }

  request(r: BufferedRequest) {
    const bucket = bucketIndex(r.ms);
    const ms = Math.max(0, Math.round(r.ms));
    const targets = [at(this.state.seconds, r.sec)];
    if (r.companyId) targets.push(at(this.state.companies, `${r.companyId} ${r.sec}`));
    for (const fields of targets) {
      add(fields, "n");
      add(fields, "ms", ms);
      add(fields, `s:${r.statusClass}`);
      add(fields, `h:${bucket}`);
      add(fields, `g:${r.group}`);
    }
    add(this.state.totals, `req|${r.group}|${r.statusClass}`);
  }

  cache(sec: number, resource: string, result: CacheResult) {
    add(at(this.state.seconds, sec), `c:${resource}:${result}`);
    add(this.state.totals, `cache|${resource}|${result}`);
  }

  fallback(sec: number, dependency: string) {
    add(at(this.state.seconds, sec), `f:${dependency}`);
    add(this.state.totals, `fallback|${dependency}`);
  }

  /** Rows of a rollup that the reconcile job found different from the raw rows (and fixed). */
  rollupRepair(rollup: string, n: number) {
    add(this.state.totals, `rollup|${rollup}`, n);
  }

  /** Hands the buffered counts over and starts empty. */
  drain(): BufferSnapshot {
    const out = this.state;
    this.state = LiveBuffer.empty();
    return out;
  }

  /** Puts counts back after a failed flush (they are increments, so merging is exact). */
  restore(snapshot: BufferSnapshot, nowSec: number) {
    const merge = <K>(into: Map<K, Fields>, from: Map<K, Fields>) => {
      for (const [key, fields] of from) {
        const target = at(into, key);
        for (const [f, v] of fields) add(target, f, v);
      }
    };
    merge(this.state.seconds, snapshot.seconds);
    merge(this.state.companies, snapshot.companies);
    for (const [f, v] of snapshot.totals) add(this.state.totals, f, v);
    const oldest = nowSec - MAX_PENDING_SECONDS;
    for (const sec of this.state.seconds.keys()) if (sec < oldest) this.state.seconds.delete(sec);
    for (const key of this.state.companies.keys()) if (Number(key.split(" ")[1]) < oldest) this.state.companies.delete(key);
  }
}
