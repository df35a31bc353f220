import type { Duplex } from "node:stream";
import { ApiError, errorBody } from "@/lib/api/errors";
import { resolveRequestId } from "@/lib/gateway/request-id";

/** HTTP/1.1 reason phrases for the statuses below. */
const REASONS: Record<number, string> = { 400: "Bad Request", 431: "Request Header Fields Too Large" };

/** What Node's HTTP parser refused, as an error in the envelope (never its parser text). */
function refusalFor(code: string | undefined): ApiError {
  if (code === "HPE_HEADER_OVERFLOW") {
    // The URL counts towards Node's header limit (16 KB by default): a 64 KB URL lands here too.
    return new ApiError("request_header_fields_too_large", "The URL or the headers are too large.");
  }
  return new ApiError("bad_request", "The request could not be parsed.");
}

/**
 * Node's `clientError` listener for the HTTP server in front of Next: a request the parser refuses
 * (headers or URL over the limit, bytes that are not HTTP) never reaches Next or the gateway, and
 * without a listener Node answers a bare 431/400 with no body. This answers in the error envelope
 * with a fresh request id and closes the connection.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const apiErr = refusalFor(err.code);
  const requestId = resolveRequestId(null);
  const body = JSON.stringify(errorBody(apiErr, requestId));
  socket.end(
    [
      `HTTP/1.1 ${apiErr.status} ${REASONS[apiErr.status] ?? "Bad Request"}`,
      "content-type: application/json",
      `content-length: ${Buffer.byteLength(body)}`,
      `x-request-id: ${requestId}`,
      "cache-control: no-store",
      "connection: close",
      "",
      body,
    ].join("\r\n"),
  );
}
