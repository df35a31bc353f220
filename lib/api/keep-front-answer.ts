import { ledgerCurrentUntil, type CacheReadLedger } from "@/lib/cache/epoch";
import type { GatewayContext } from "@/lib/gateway/context";
import { REQUEST_ID_HEADER } from "@/lib/gateway/request-id";
import { frontAnswerKey, frontAnswers, isReusableRoute } from "@/lib/server/front-answers";

/**
 * Keeps a handler's answer for the server in front of Next to reuse (lib/server/front-answers.ts):
 * a 200 to a listed GET route, no cookie set, built only from cache reads that were current as of the
 * request's epoch. Anything else, or a process whose server did not turn reuse on, passes untouched.
 */
export async function keepFrontAnswer(
  req: Request,
  caller: GatewayContext | null,
  res: Response,
  reads: CacheReadLedger,
  group: string,
): Promise<Response> {
  const answers = frontAnswers();
  if (!answers || !caller?.cid || !caller.ce || res.status !== 200 || res.headers.has("set-cookie")) return res;
  // The ledger first: most answers are not built from cache reads, and they pay no URL parse.
  const freshUntil = ledgerCurrentUntil(reads);
  if (freshUntil === undefined) return res;
  const url = new URL(req.url);
  if (!isReusableRoute(req.method, url.pathname)) return res;
  const body = await res.text();
  const headers = [...res.headers].filter(([name]) => name !== REQUEST_ID_HEADER);
  answers.set(frontAnswerKey(caller, url.pathname + url.search), {
    freshUntil,
    body,
    epoch: caller.ce,
    status: res.status,
    headers,
    group,
    resources: reads.resources,
  });
  return new Response(body, { status: res.status, headers: res.headers });
}
