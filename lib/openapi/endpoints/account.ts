import { pingSchema } from "@/lib/services/ping/schemas";
import type { EndpointDoc } from "../types";

export const ACCOUNT_ENDPOINTS: EndpointDoc[] = [
  {
    method: "GET",
    path: "/api/v1/ping",
    operationId: "ping",
    tag: "Account",
    summary: "Does my credential work? Who the gateway says you are",
    description: "Any valid credential, no permission needed. Carries the rate-limit headers of your most restrictive layer.",
    auth: "required",
    response: pingSchema,
  },
];
