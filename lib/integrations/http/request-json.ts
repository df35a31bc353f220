import type { z } from "zod";
import { retryDelayMs } from "./retry-delay";
import { VendorError, type Vendor } from "./vendor-error";

export interface VendorRequest<S extends z.ZodType | undefined> {
  vendor: Vendor;
  baseUrl: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Fires at the breaker's timeout (withBreaker hands it to the call). */
  signal: AbortSignal;
  /** Parses a 2xx body; without one, the body is not read as JSON (SendGrid's 202 is empty). */
  schema?: S;
  /** How to find the vendor's machine-readable error code in an error body. */
  errorCode?: (body: unknown) => string | undefined;
}

export interface VendorResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

/**
 * One HTTP exchange with a vendor: fetch with the breaker's signal, a non-2xx answer becomes a
 * VendorError (with Retry-After understood), a 2xx body is parsed with `schema` (zod at the
 * boundary: a body that breaks the contract is a VendorError too, marked `malformed`).
 */
export async function requestJson<S extends z.ZodType | undefined = undefined>(
  req: VendorRequest<S>,
): Promise<VendorResponse<S extends z.ZodType ? z.infer<S> : undefined>> {
  const url = new URL(req.path, req.baseUrl);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { accept: "application/json", ...req.headers };
  if (req.body !== undefined) headers["content-type"] = "application/json";

  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: req.signal,
    });
  } catch (err) {
    // The breaker's own timeout error travels as the abort reason: let it through unchanged.
    if (req.signal.aborted && req.signal.reason instanceof Error) throw req.signal.reason;
    throw new VendorError(req.vendor, null, { cause: err, detail: err instanceof Error ? err.message : String(err) });
  }

  const text = await res.text().catch((err: unknown) => {
    if (req.signal.aborted && req.signal.reason instanceof Error) throw req.signal.reason;
    throw new VendorError(req.vendor, res.status, { cause: err, detail: "body could not be read" });
  });
  if (!res.ok) {
    const body = parseMaybe(text);
    throw new VendorError(req.vendor, res.status, {
      retryAfterMs: retryDelayMs(res.headers),
      vendorCode: body === undefined ? undefined : req.errorCode?.(body),
      detail: text.slice(0, 200),
    });
  }
  if (!req.schema) return { status: res.status, headers: res.headers, data: undefined as never };
  const parsed = req.schema.safeParse(parseMaybe(text));
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`)
      .join("; ");
    throw new VendorError(req.vendor, res.status, { malformed: true, detail: issues });
  }
  return { status: res.status, headers: res.headers, data: parsed.data as never };
}

function parseMaybe(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
