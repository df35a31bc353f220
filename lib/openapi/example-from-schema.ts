import type { JsonObject } from "./types";

const BY_FORMAT: Record<string, string> = {
  "date-time": "2026-03-02T14:30:00.000Z",
  date: "2026-03-02",
  email: "jane@example.com",
  uri: "https://example.com",
  uuid: "00000000-0000-4000-8000-000000000000",
};

/**
 * A plausible example value for a JSON Schema, for the API reference: defaults and enums first,
 * the first non-null branch of a union, one item per array. Good enough to show a response's shape.
 */
export function exampleFromSchema(schema: unknown, depth = 0): unknown {
  if (!schema || typeof schema !== "object" || depth > 12) return null;
  const s = schema as JsonObject;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const branches = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(branches)) {
    const first = branches.find((b) => (b as JsonObject).type !== "null") ?? branches[0];
    return exampleFromSchema(first, depth + 1);
  }
  if (Array.isArray(s.type)) return exampleFromSchema({ ...s, type: s.type.find((t) => t !== "null") ?? "null" }, depth);
  switch (s.type) {
    case "object": {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, exampleFromSchema(v, depth + 1)]));
    }
    case "array":
      return s.items ? [exampleFromSchema(s.items, depth + 1)] : [];
    case "string":
      return BY_FORMAT[String(s.format)] ?? "string";
    case "integer":
      return typeof s.minimum === "number" ? s.minimum : 0;
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 0;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return null;
  }
}
