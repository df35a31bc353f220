import type { JsonObject } from "@/lib/openapi/types";

export interface ParameterView {
  name: string;
  in: string;
  required: boolean;
  type: string;
  description: string | null;
}

export interface OperationView {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  /** A permission, "platform admin", or null for "any credential". */
  permission: string | null;
  isPublic: boolean;
  cache: string | null;
  parameters: ParameterView[];
  requestExample: unknown;
  status: string;
  /** Error statuses the operation documents. */
  errors: string[];
  responseExample: unknown;
}

export interface TagView {
  name: string;
  description: string;
  operations: OperationView[];
}

const obj = (v: unknown): JsonObject => (v && typeof v === "object" ? (v as JsonObject) : {});

/** A parameter's schema in a few words: `"a" | "b"`, `integer 1–100, default 25`, `string (date) or string (date-time)`. */
export function describeSchema(schema: unknown): string {
  const s = obj(schema);
  const withDefault = (head: string) => (s.default !== undefined ? `${head}, default ${JSON.stringify(s.default)}` : head);
  if (Array.isArray(s.enum)) return withDefault(s.enum.map((v) => JSON.stringify(v)).join(" | "));
  if (Array.isArray(s.anyOf)) return s.anyOf.map(describeSchema).join(" or ");
  const parts = [String(s.type ?? "any") + (s.format ? ` (${String(s.format)})` : "")];
  if (typeof s.minimum === "number" && typeof s.maximum === "number") parts.push(`${s.minimum}–${s.maximum}`);
  else if (typeof s.maxLength === "number") parts.push(`≤ ${s.maxLength} chars`);
  return withDefault(parts.join(" "));
}

/** The top-level fields of a JSON request body, as rows of the parameter table. */
function bodyFields(schema: unknown): ParameterView[] {
  const s = obj(schema);
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  return Object.entries(obj(s.properties)).map(([name, prop]) => ({
    name,
    in: "body",
    required: required.has(name),
    type: describeSchema(prop),
    description: typeof obj(prop).description === "string" ? (obj(prop).description as string) : null,
  }));
}

/** The OpenAPI document's operations grouped by tag, in the document's tag order, for the reference page. */
export function readOperations(doc: JsonObject): TagView[] {
  const tags = (doc.tags as Array<{ name: string; description: string }>).map((t) => ({ ...t, operations: [] as OperationView[] }));
  for (const [path, item] of Object.entries(obj(doc.paths))) {
    for (const [method, raw] of Object.entries(obj(item))) {
      const op = obj(raw);
      const [status, response] = Object.entries(obj(op.responses)).find(([code]) => code.startsWith("2")) ?? ["200", {}];
      const body = obj(obj(obj(op.requestBody).content)["application/json"]);
      const parameters = ((op.parameters as unknown[]) ?? []).map(obj).filter((p) => typeof p.name === "string");
      const view: OperationView = {
        id: String(op.operationId),
        method: method.toUpperCase(),
        path,
        summary: String(op.summary ?? ""),
        description: typeof op.description === "string" ? op.description : null,
        permission: typeof op["x-permission"] === "string" ? op["x-permission"] : null,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        cache: typeof op["x-cache"] === "string" ? op["x-cache"] : null,
        parameters: [
          ...parameters.map((p) => ({
            name: String(p.name),
            in: String(p.in),
            required: p.required === true,
            type: describeSchema(p.schema),
            description: typeof p.description === "string" ? p.description : null,
          })),
          ...bodyFields(body.schema),
        ],
        requestExample: body.example,
        status,
        errors: Object.keys(obj(op.responses)).filter((code) => !code.startsWith("2")),
        responseExample: obj(obj(obj(response).content)["application/json"]).example,
      };
      tags.find((t) => t.name === (op.tags as string[])[0])?.operations.push(view);
    }
  }
  return tags.filter((t) => t.operations.length > 0);
}
