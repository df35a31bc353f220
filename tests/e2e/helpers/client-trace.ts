/** The trace context client-trace.spec.ts sends as a client would; span-attributes.teardown.ts checks nobody adopted it. */
export const CLIENT_TRACE = { traceId: "c11e0700c11e0700c11e0700c11e0700", spanId: "b7ad6b7169203331" } as const;
export const CLIENT_TRACE_REQUEST_ID = "req-client-trace-context-0001";
