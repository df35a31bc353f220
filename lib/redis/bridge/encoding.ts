/**
 * Turns raw Redis replies (ioredis in buffer mode, RESP2) into the JSON values of the Upstash REST
 * protocol.
 *
 * With `Upstash-Encoding: base64` (the @upstash/redis default) every string is base64 so binary and
 * look-alike values ("T0s=", "aGVsbG8=") survive JSON. The one exception is a top-level "OK": the
 * client's decoder (`decode` in @upstash/redis' http.ts) returns a top-level "OK" as is, but inside an
 * array it base64-decodes every string, so a nested "OK" must be encoded like any other string.
 * A bulk "OK" (GET of a key holding "OK") and the status reply "OK" arrive as the same bytes; both
 * decode to "OK" on the client, so the bridge does not need to tell them apart.
 */

/** What ioredis hands back for a command when asked for buffers (RESP2). */
export type RedisReply = Buffer | number | null | Error | RedisReply[];

/** A JSON value the REST protocol puts under `result`. */
export type JsonReply = string | number | null | JsonReply[];

const OK = Buffer.from("OK");

export function encodeReply(reply: RedisReply, base64: boolean): JsonReply {
  if (base64 && Buffer.isBuffer(reply) && reply.equals(OK)) return "OK";
  return encodeNested(reply, base64);
}

function encodeNested(reply: RedisReply, base64: boolean): JsonReply {
  if (reply === null || typeof reply === "number") return reply;
  if (Buffer.isBuffer(reply)) return reply.toString(base64 ? "base64" : "utf8");
  if (Array.isArray(reply)) return reply.map((item) => encodeNested(item, base64));
  // An error nested inside an array (a Lua table holding redis.error_reply): the protocol has no
  // slot for it, so it travels as its message, encoded like any string.
  return base64 ? Buffer.from(reply.message).toString("base64") : reply.message;
}
