import { INTERNAL_SIGNATURE_HEADER, signInternal } from "./internal-signature";
import type { RecordKind } from "./rate-limit/decide";

export const RESOLVE_PATH = "/api/internal/gateway/resolve";

/**
 * The edge's miss path: a key, company or user record is not in Redis (first use after a Redis flush,
 * or a policy change). The edge has no MySQL, so it asks a Node route to load the record from
 * MySQL and write it to Redis, then decides again. Costs a second trip only on a miss.
 */
export async function resolveRecord(what: RecordKind, id: string, opts: { origin: string; secret: string }): Promise<boolean> {
  const body = JSON.stringify({ what, id });
  try {
    const res = await fetch(new URL(RESOLVE_PATH, opts.origin), {
      method: "POST",
      headers: { "content-type": "application/json", [INTERNAL_SIGNATURE_HEADER]: await signInternal(body, opts.secret) },
      body,
      signal: AbortSignal.timeout(2_000),
    });
    return res.ok;
  } catch {
    return false;
  }
}
