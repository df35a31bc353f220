import { z } from "zod";
import type { IdKind } from "./create-id";
import { idPattern } from "./id-pattern";

/** A zod string that is an id (of this kind, when given): the pattern is in the OpenAPI document too. */
export function idSchema(kind?: IdKind, message = kind ? `Not a ${kind} id.` : "Not an id.") {
  return z.string().regex(idPattern(kind), message);
}
