import { z } from "zod";

/**
 * `?fields=id,status,…`: the response transform in define-route.ts (sparse-fields.ts) picks these
 * fields of `data`. Strict query schemas spread this shape so the parameter is accepted, validated
 * and documented in the OpenAPI document; services ignore it (and it stays out of cache keys).
 */
export const sparseFieldsParam = {
  fields: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe("Comma-separated fields of `data` to return (a sparse fieldset), e.g. `id,status,startedAt`."),
};
