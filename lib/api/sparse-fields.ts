import { ApiError } from "./errors";

/** `?fields=id,status,startedAt` → the requested top-level fields, or null when none were asked for. */
export function requestedFields(url: URL): string[] | null {
  const raw = url.searchParams.get("fields");
  if (raw === null) return null;
  const fields = raw
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  if (fields.length === 0)
    throw new ApiError("validation_failed", "fields= names no field.", {
      details: [{ field: "fields", message: "List field names separated by commas." }],
    });
  return fields;
}

function pick(item: unknown, fields: string[]): unknown {
  if (!item || typeof item !== "object" || Array.isArray(item)) return item;
  const source = item as Record<string, unknown>;
  const unknown = fields.filter((f) => !(f in source));
  if (unknown.length > 0) {
    throw new ApiError("validation_failed", `Unknown field(s) in fields=: ${unknown.join(", ")}.`, {
      details: [{ field: "fields", message: `Available: ${Object.keys(source).join(", ")}` }],
    });
  }
  return Object.fromEntries(fields.map((f) => [f, source[f]]));
}

/**
 * Response transform: a sparse fieldset over `data` (an object, or each item of a list). Only
 * fields the endpoint's response schema already produced can be picked, so nothing internal leaks.
 */
export function applySparseFields(data: unknown, fields: string[] | null): unknown {
  if (!fields) return data;
  return Array.isArray(data) ? data.map((item) => pick(item, fields)) : pick(data, fields);
}

/** The same over a JSON envelope Response a handler built itself (`ok(data, {meta})`). */
export async function sparseResponse(res: Response, fields: string[] | null): Promise<Response> {
  if (!fields || res.status >= 300 || !(res.headers.get("content-type") ?? "").includes("application/json")) return res;
  const body = (await res.json()) as { data?: unknown; meta?: unknown };
  if (!("data" in body)) return Response.json(body, { status: res.status, headers: res.headers });
  const next = { ...body, data: applySparseFields(body.data, fields) };
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return Response.json(next, { status: res.status, headers });
}
