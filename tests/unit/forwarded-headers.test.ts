import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { prepareForwardedHeaders } from "@/lib/server/forwarded-headers";

const TRACE = {
  traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
  tracestate: "vendor=x",
  baggage: "user=1",
};

describe("prepareForwardedHeaders: the Node server's edit of a request before Next sees it", () => {
  it("from a client: the socket is the only hop, X-Real-IP and the trace context are dropped", () => {
    const headers: IncomingHttpHeaders = { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6", accept: "*/*", ...TRACE };
    prepareForwardedHeaders(headers, "::ffff:203.0.113.9", ["10.0.0.2"]);
    expect(headers).toEqual({ "x-forwarded-for": "203.0.113.9", accept: "*/*" });
  });

  it("from a trusted proxy: its hops are kept with the socket's after them, and so is the trace it runs", () => {
    const headers: IncomingHttpHeaders = { "x-forwarded-for": "198.51.100.7", "x-real-ip": "198.51.100.7", ...TRACE };
    prepareForwardedHeaders(headers, "10.0.0.2", ["10.0.0.2"]);
    expect(headers).toEqual({ "x-forwarded-for": "198.51.100.7, 10.0.0.2", "x-real-ip": "198.51.100.7", ...TRACE });
  });

  it("a socket with no address still gets one hop, and nothing a client sent survives", () => {
    const headers: IncomingHttpHeaders = { "x-forwarded-for": ["1.1.1.1", "2.2.2.2"], ...TRACE };
    prepareForwardedHeaders(headers, undefined, []);
    expect(headers).toEqual({ "x-forwarded-for": "unknown" });
  });
});
