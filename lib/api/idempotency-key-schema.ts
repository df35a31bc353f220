import { z } from "zod";

/** A client's Idempotency-Key in a body (e.g. copied from the request header): the same key repeats the same operation's result. */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces");
