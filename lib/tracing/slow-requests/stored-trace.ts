import { z } from "zod";

/** One span of a stored trace: where it sits in the waterfall and a few attributes that are safe to show. */
export const storedSpanSchema = z.object({
  name: z.string(),
  /** Index of the parent in `spans`, null for the trace's root (or a span whose parent was not kept). */
  parent: z.number().int().nullable(),
  offsetMs: z.number(),
  durationMs: z.number(),
  error: z.boolean(),
  /** The shown attributes (SQL shape, cache status, Redis command, vendor and breaker state …). */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

export const storedTraceSchema = z.object({
  traceId: z.string(),
  requestId: z.string().nullable(),
  method: z.string(),
  /** The request's path (no query string). */
  path: z.string(),
  status: z.number().int(),
  durationMs: z.number(),
  /** ISO time the request started. */
  startedAt: z.string(),
  /** The company the request acted for; null for none (sign-in, platform admin). */
  companyId: z.string().nullable(),
  spans: z.array(storedSpanSchema),
  /** Spans left out past the cap. */
  droppedSpans: z.number().int(),
});

export type StoredSpan = z.infer<typeof storedSpanSchema>;
export type StoredTrace = z.infer<typeof storedTraceSchema>;
