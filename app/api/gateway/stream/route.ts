import { defineRoute } from "@/lib/api/define-route";
import { healthScopeFor } from "@/lib/metrics/health-scope";
import { healthEventStream } from "@/lib/metrics/health-stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/gateway/stream — server-sent events: `health` (the /api/gateway/health payload) about once a
// second, heartbeats, until the client disconnects. Same access as /api/gateway/health.
export const GET = defineRoute({ auth: "none" }, async ({ req, caller }) => {
  const scope = healthScopeFor(caller, new URL(req.url));
  return new Response(healthEventStream(scope, req.signal), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-store, no-transform",
      connection: "keep-alive",
      // nginx: pass events through as they come instead of buffering them
      "x-accel-buffering": "no",
    },
  });
});
