import type { z } from "zod";
import { ApiError } from "./errors";
import { parseJsonText } from "./parse-json-text";

const MAX_BODY_BYTES = 1_000_000;

/**
 * Reads and validates a JSON body: 415 for another content type, 413 past 1 MB, 400 for bad
 * JSON or JSON nested past 64 levels, 400 validation_failed with field details when the schema refuses it.
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, maxBytes = MAX_BODY_BYTES): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new ApiError("unsupported_media_type");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError("payload_too_large");
  const text = await req.text();
  if (new TextEncoder().encode(text).byteLength > maxBytes) throw new ApiError("payload_too_large");
  return schema.parse(text.length === 0 ? {} : parseJsonText(text));
}
