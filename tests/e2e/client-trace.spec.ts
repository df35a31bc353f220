import { expect, test } from "@playwright/test";
import { CLIENT_TRACE, CLIENT_TRACE_REQUEST_ID } from "./helpers/client-trace";

// A client (not a trusted proxy) sends a W3C traceparent with the sampled flag set. The server must trace
// the request under its own trace id: span-attributes.teardown.ts reads the run's spans and checks it.
test("a client's traceparent does not choose the trace its request is recorded under", async ({ request }) => {
  for (const path of ["/api/ping", "/api/v1/ping"]) {
    const res = await request.get(path, {
      headers: {
        traceparent: `00-${CLIENT_TRACE.traceId}-${CLIENT_TRACE.spanId}-01`,
        tracestate: "client=1",
        "x-request-id": CLIENT_TRACE_REQUEST_ID,
      },
    });
    // Answered as any request is (the ping without a key is a 401 in the envelope), with our request id.
    expect([200, 401]).toContain(res.status());
    expect(res.headers()["x-request-id"]).toBe(CLIENT_TRACE_REQUEST_ID);
  }
});
