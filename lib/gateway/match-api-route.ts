import { API_ROUTES } from "./api-routes";

type Segment = { kind: 0; text: string } | { kind: 1 } | { kind: 2 } | { kind: 3 };

interface CompiledRoute {
  segments: Segment[];
  methods: readonly string[];
}

/** `[id]` one segment, `[...x]` one or more, `[[...x]]` zero or more; anything else literal. */
function compile(pattern: string): Segment[] {
  return pattern
    .split("/")
    .filter(Boolean)
    .map((s): Segment =>
      /^\[\[\.\.\..+\]\]$/.test(s)
        ? { kind: 3 }
        : /^\[\.\.\..+\]$/.test(s)
          ? { kind: 2 }
          : /^\[.+\]$/.test(s)
            ? { kind: 1 }
            : { kind: 0, text: s },
    );
}

/** Next's precedence: at the first segment where two routes differ, a literal beats `[x]`, which beats `[...x]`, which beats `[[...x]]`. */
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const x = a.segments[i]?.kind ?? -1;
    const y = b.segments[i]?.kind ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}

const ROUTES: CompiledRoute[] = API_ROUTES.map((r) => ({ segments: compile(r.path), methods: r.methods })).sort(bySpecificity);

function matches(route: Segment[], parts: string[]): boolean {
  for (let i = 0; i < route.length; i++) {
    const seg = route[i]!;
    if (seg.kind === 2) return parts.length > i;
    if (seg.kind === 3) return true;
    const part = parts[i];
    if (part === undefined) return false;
    if (seg.kind === 0 && seg.text !== part) return false;
  }
  return parts.length === route.length;
}

/**
 * What an /api path allows, as Next would route it: null when no route takes the path; else the
 * `Allow` list — the exported methods, HEAD where GET is (Next answers HEAD with GET) and OPTIONS
 * (Next answers it itself). A trailing slash is ignored, as Next redirects it away.
 */
export function allowedApiMethods(pathname: string): string[] | null {
  const parts = pathname.split("/").filter(Boolean);
  const route = ROUTES.find((r) => matches(r.segments, parts));
  if (!route) return null;
  const allow = new Set(route.methods);
  if (allow.has("GET")) allow.add("HEAD");
  allow.add("OPTIONS");
  return [...allow].sort();
}
