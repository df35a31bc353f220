import {
  callDetailQuerySchema,
  callDetailSchema,
  callIdParamsSchema,
  callListMetaSchema,
  callListSchema,
  listCallsQuerySchema,
  placeCallBodySchema,
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
  {
    method: "POST",
    path: "/api/v1/calls",
    operationId: "placeCall",
    tag: "Calls",
    summary: "Have the voice agent phone a customer or a number (Retell); 202 with the call, `registered`",
    description: [
      "Give `customerId` (their number is dialled) or `toNumber` (any common spelling), and optionally a `reason` the agent's prompt reads as `{{reason}}`. The call is placed from the company's Retell number and answered at once with its row (`status: registered`, `direction: outbound`, `Location: /api/v1/calls/{id}`); Retell's webhooks then move it to ongoing and ended, with transcript and analysis.",
      "Send an `Idempotency-Key` header to make retries safe: the same key and body within 24 h answer with the same call and never dial again; the same key with another body is 409. A second dial to the same number while one is being placed is 409.",
      "While Retell is down (errors, no answer, or its circuit breaker open) the answer is 503 with `Retry-After` and no call is recorded. 422 when the company has no Retell number or the customer no phone.",
    ].join("\n\n"),
    auth: "required",
    permission: "calls:write",
    body: placeCallBodySchema,
    status: 202,
    response: callDetailSchema,
    errors: ["conflict", "unprocessable_entity", "service_unavailable"],
  },
];
