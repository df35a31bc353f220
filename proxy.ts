import { NextResponse, type NextRequest } from "next/server";
import { runGateway } from "@/lib/gateway/pipeline";
import { DECIDED_HEADER, decidedByServer } from "@/lib/server/front-answers";

// The gateway's shell (Next 16's proxy, on the Node runtime in the server's own process): every step
// lives in lib/gateway, this file only adapts it to Next. The decision's Redis transport is
// lib/gateway/rate-limit/transport.ts (TCP for the self-hosted build, REST where there is no TCP).
export async function proxy(req: NextRequest) {
  // The self-hosted server already decided this one (a reusable read it could not answer from memory,
  // lib/server/front-answers.ts): its nonce is random per process, so a client cannot send it.
  if (decidedByServer(req.headers.get(DECIDED_HEADER))) {
    const headers = new Headers(req.headers);
    headers.delete(DECIDED_HEADER);
    return NextResponse.next({ request: { headers } });
  }
  // The miss path's origin comes from configuration (lib/gateway/internal-origin.ts), never from the Host header.
  const decision = await runGateway(req);
  if (decision.kind === "respond") return decision.response;
  const res = NextResponse.next({ request: { headers: decision.requestHeaders } });
  // Set-Cookie may repeat (an ended session's cookie chunks are all deleted): append those, set the rest.
  decision.responseHeaders.forEach((value, name) =>
    name === "set-cookie" ? res.headers.append(name, value) : res.headers.set(name, value),
  );
  return res;
}

export const config = {
  // Everything but static assets and the liveness probe (load balancers call it constantly) goes through the gateway.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/health$).*)"],
};
