import { cache } from "react";
import { ApiError } from "@/lib/api/errors";
import { isId } from "@/lib/ids/is-id";
import { getCall } from "@/lib/services/calls/get-call";
import type { CallDetail } from "@/lib/services/calls/schemas";

/**
 * The call for its page (and its <title>), once per request: the same service and cache the API
 * uses, scoped to the signed-in company. null when the id is malformed, unknown, or another
 * company's (the API's 404); other failures propagate to error.tsx.
 */
export const loadCall = cache(async (companyId: string, id: string): Promise<CallDetail | null> => {
  if (!isId(id)) return null;
  try {
    return (await getCall(companyId, id)).value;
  } catch (err) {
    if (err instanceof ApiError && err.code === "not_found") return null;
    throw err;
  }
});
