import { createId } from "@/lib/ids/create-id";

export const REQUEST_ID_HEADER = "x-request-id";

/** A client's id is kept only when it is short and plain enough to be safe in logs and headers. */
const VALID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

/** Step 1 of the pipeline: keep a valid incoming X-Request-Id, otherwise mint `req_<ulid>`. Edge-safe. */
export function resolveRequestId(incoming: string | null | undefined): string {
  if (incoming && VALID.test(incoming)) return incoming;
  return createId("request");
}
