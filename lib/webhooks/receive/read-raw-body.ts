import { ApiError } from "@/lib/api/errors";
import { parseJsonText } from "@/lib/api/parse-json-text";

const tooLarge = (maxBytes: number) => new ApiError("payload_too_large", `Webhook bodies are limited to ${maxBytes} bytes.`);

/**
 * What the headers say about the body, checked before anything else: every vendor we receive from
 * sends JSON (another declared type is a 415), and a declared length over `maxBytes` is a 413.
 */
export function checkDeclaredBody(req: Request, maxBytes: number): void {
  const type = req.headers.get("content-type");
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) throw new ApiError("unsupported_media_type");
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

/**
 * The body exactly as the vendor sent it (signatures are computed over these bytes), read as a
 * stream and refused with 413 as soon as it passes `maxBytes`, so an oversized delivery is never
 * buffered whole.
 */
export async function readRawBody(req: Request, maxBytes: number): Promise<Uint8Array> {
  checkDeclaredBody(req, maxBytes);
  if (!req.body) return new Uint8Array(0);

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The verified bytes as JSON; 400 when they are not UTF-8 JSON or nest deeper than any vendor sends. */
export function parseJsonBody(raw: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw new ApiError("bad_request", "The body is not valid UTF-8.");
  }
  return parseJsonText(text);
}
