import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The parts of a V8 `.cpuprofile` (node --cpu-prof) this reads. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One bucket of a request's CPU: a sample lands in the first rule (in order) that any frame of its stack matches. */
export interface Bucket {
  name: string;
  /** Tested against "<functionName> <url>" of every frame, leaf first. */
  match: RegExp;
  /** Only when some frame of the stack also matches this (e.g. "inside the gateway"). */
  within?: RegExp;
}

export interface Breakdown {
  /** Microseconds of CPU per bucket inside the window. */
  us: Map<string, number>;
  /** Self time by leaf frame and bucket (for tuning the rules: PROFILE_TOP=1). */
  leaves: Map<string, number>;
  /** Total sampled microseconds inside the window (idle excluded). */
  busyUs: number;
  /** Which script the process ran (server, worker, start …), from the profile's file name. */
  script: string;
}

const maps = new Map<string, SourceMap | null>();

/** The original source a bundled frame came from (Next's chunks are minified, their .map files are beside them). */
function originalSource(url: string, line: number, column: number): string | null {
  if (!url.endsWith(".js")) return null;
  const file = url.startsWith("file://") ? fileURLToPath(url) : url;
  let map = maps.get(file);
  if (map === undefined) {
    map = existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")) as never) : null;
    maps.set(file, map);
  }
  if (!map || line < 0) return null;
  const entry = map.findEntry(line, column) as { originalSource?: string; name?: string };
  return entry.originalSource ? `${entry.name ?? ""} ${entry.originalSource}` : null;
}

/**
 * Attributes every sample between `fromUs` and `toUs` (V8 and process.hrtime share CLOCK_MONOTONIC
 * on Linux, in µs) to the first bucket whose rule matches its stack; the rest is "other".
 * `(program)` — native code V8 cannot attribute — counts as other, `(idle)` is dropped.
 */
export function breakdown(file: string, buckets: Bucket[], fromUs: number, toUs: number): Breakdown {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const labels = new Map<number, string>();
  const label = (n: ProfileNode) => {
    let l = labels.get(n.id);
    if (l === undefined) {
      const { functionName, url, lineNumber, columnNumber } = n.callFrame;
      l = `${functionName} ${url} ${originalSource(url, lineNumber, columnNumber) ?? ""}`;
      labels.set(n.id, l);
    }
    return l;
  };
  const stackCache = new Map<number, string>();
  const classify = (leaf: number): string => {
    const hit = stackCache.get(leaf);
    if (hit) return hit;
    const frames: string[] = [];
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) frames.push(label(byId.get(id)!));
    let name = "other";
    if (frames[0]!.startsWith("(idle) ")) name = "idle";
    else if (frames[0]!.startsWith("(garbage collector) ")) name = "garbage collection";
    else
      for (const b of buckets) {
        if (b.within && !frames.some((f) => b.within!.test(f))) continue;
        if (frames.some((f) => b.match.test(f))) {
          name = b.name;
          break;
        }
      }
    stackCache.set(leaf, name);
    return name;
  };
  const stacks = !!process.env.PROFILE_STACKS;
  const stackOf = (leaf: number) => {
    const frames: string[] = [];
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id)!;
      const orig = originalSource(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber);
      frames.push(`${n.callFrame.functionName}@${(orig ?? n.callFrame.url).replace(/.*(node_modules|lib|app|\.next)\//, "$1/")}`);
    }
    return frames.slice(0, 14).join(" < ");
  };
  const us = new Map<string, number>();
  const leaves = new Map<string, number>();
  let t = profile.startTime;
  let busyUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (t < fromUs || t > toUs) continue;
    const name = classify(profile.samples[i]!);
    if (name === "idle") continue;
    const leaf = `[${name}] ${stacks ? stackOf(profile.samples[i]!) : label(byId.get(profile.samples[i]!)!)}`;
    leaves.set(leaf, (leaves.get(leaf) ?? 0) + dt);
    // A sample stands for the time since the previous one.
    us.set(name, (us.get(name) ?? 0) + dt);
    busyUs += dt;
  }
  return { us, leaves, busyUs, script: path.basename(file).split(".")[0] ?? "unknown" };
}
