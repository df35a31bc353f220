import type { IdKind } from "./create-id";
import { idPattern } from "./id-pattern";

/**
 * Is this an id (of this kind, when given)? For ids that arrive from outside — URLs, vendor metadata,
 * custom args — before they reach a query: anything else is no id of ours.
 */
export function isId(value: unknown, kind?: IdKind): value is string {
  return typeof value === "string" && idPattern(kind).test(value);
}
