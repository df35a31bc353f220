import { z } from "zod";

/**
 * Fault orders a test (or a person at the demo) gives a fake through `POST /__fake/faults`. Each
 * order merges into the current ones; `DELETE /__fake/faults` or `POST /__fake/reset` clears them.
 *
 *   {failNext: 5, status: 503}        the next 5 API requests answer 503 (default 500), untouched
 *   {failNext: 1, afterEffect: true}  the next request is carried out, THEN answers 500 (lost answer)
 *   {latencyMs: 2000}                 every answer is held 2 s (after the work is done)
 *   {latencyMs: 2000, latencyNext: 1} only the next answer is held
 *   {rateLimitNext: 2, retryAfter: 1} the next 2 requests answer 429 with the vendor's rate-limit headers
 *   {down: true}                      connections are reset without an answer (until {down: false})
 *   {path: "/v2/create-phone-call"}   any of the above only for request paths starting with this
 */
export const faultOrderSchema = z.strictObject({
  failNext: z.number().int().min(0).optional(),
  status: z.number().int().min(400).max(599).optional(),
  afterEffect: z.boolean().optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  latencyNext: z.number().int().min(0).optional(),
  rateLimitNext: z.number().int().min(0).optional(),
  retryAfter: z.number().min(0).max(3600).optional(),
  down: z.boolean().optional(),
  path: z.string().startsWith("/").optional(),
});
export type FaultOrder = z.infer<typeof faultOrderSchema>;

export interface Faults {
  failNext: number;
  status: number;
  afterEffect: boolean;
  latencyMs: number;
  /** undefined: every answer. */
  latencyNext?: number;
  rateLimitNext: number;
  retryAfter: number;
  down: boolean;
  path?: string;
}

export const NO_FAULTS: Faults = {
  failNext: 0,
  status: 500,
  afterEffect: false,
  latencyMs: 0,
  rateLimitNext: 0,
  retryAfter: 1,
  down: false,
};

export function mergeFaults(current: Faults, order: FaultOrder): Faults {
  const next: Faults = { ...current };
  for (const [k, v] of Object.entries(order)) if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v;
  return next;
}

/** Does the fault order apply to this path? */
export function faultApplies(faults: Faults, path: string): boolean {
  return faults.path === undefined || path.startsWith(faults.path);
}
