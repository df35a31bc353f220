/** Label values come from code, but clamp them anyway: an unbounded label set would grow every series store. */
const SAFE_LABEL = /^[a-z0-9_.-]{1,48}$/i;
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

export function safeLabel(value: string | null | undefined, fallback = "other"): string {
  return value && SAFE_LABEL.test(value) ? value : fallback;
}

export function methodLabel(method: string): string {
  const upper = method.toUpperCase();
  return METHODS.has(upper) ? upper : "OTHER";
}

export const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export function statusClass(status: number): StatusClass {
  const c = Math.min(5, Math.max(1, Math.floor(status / 100)));
  return `${c}xx` as StatusClass;
}

export const CACHE_RESULTS = ["hit", "miss", "stale", "bypass"] as const;
export type CacheResult = (typeof CACHE_RESULTS)[number];
