import type { z } from "zod";

/**
 * The request's query string through a schema (`?limit=10&q=x` as `{ limit: "10", q: "x" }`; a
 * repeated key keeps its last value). A refusal throws the ZodError, which the route wrapper answers
 * as 400 validation_failed with one detail per field.
 */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  return schema.parse(Object.fromEntries(new URL(req.url).searchParams));
}
