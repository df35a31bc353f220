import {
  callDetailQuerySchema,
  callDetailSchema,
  callIdParamsSchema,
  callListMetaSchema,
  callListSchema,
  listCallsQuerySchema,
} from "@/lib/services/calls/schemas";
import type { EndpointDoc } from "../types";

export const CALL_ENDPOINTS: EndpointDoc[] = [
  {
    method: "GET",
    path: "/api/v1/calls",
    operationId: "listCalls",
    tag: "Calls",
    summary: "The company's calls, newest first, filtered, keyset-paginated",
    description:
      "Pass `meta.nextCursor` as `cursor` for the next page (null on the last); keep the other parameters the same. Pages never skip or repeat a call, even when calls share a start time.",
    auth: "required",
    permission: "calls:read",
    query: listCallsQuerySchema,
    response: callListSchema,
    meta: callListMetaSchema,
    cache: "calls",
  },
  {
    method: "GET",
    path: "/api/v1/calls/{id}",
    operationId: "getCall",
    tag: "Calls",
    summary: "One call: transcript, recording, analysis, customer, the appointment booked during it",
    auth: "required",
    permission: "calls:read",
    params: callIdParamsSchema,
    query: callDetailQuerySchema,
    response: callDetailSchema,
    cache: "calls",
  },
];
