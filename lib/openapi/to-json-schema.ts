import { z } from "zod";
import type { JsonObject } from "./types";

const FORMATS_WITH_OWN_PATTERN = new Set(["date", "date-time", "email", "uuid", "uri"]);
const SAFE = Number.MAX_SAFE_INTEGER;

/** Drops what only adds noise to a reader: the regex zod spells out for a named format, and ±2^53 bounds of plain ints. */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (!node || typeof node !== "object") return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "$schema") continue;
    if (k === "pattern" && FORMATS_WITH_OWN_PATTERN.has(String((node as JsonObject).format))) continue;
    if ((k === "minimum" && v === -SAFE) || (k === "maximum" && v === SAFE)) continue;
    out[k] = tidy(v);
  }
  return out;
}

/**
 * A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), through zod 4's own converter.
 * `input` for what a client sends (defaults optional, coercions as their target type), `output`
 * for what it receives.
 */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonObject {
  return tidy(z.toJSONSchema(schema, { io, unrepresentable: "any" })) as JsonObject;
}
