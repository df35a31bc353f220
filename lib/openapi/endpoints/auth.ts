import { refreshRequestSchema, tokenPairSchema, tokenRequestSchema } from "@/lib/services/auth/schemas";
import type { EndpointDoc } from "../types";

export const AUTH_ENDPOINTS: EndpointDoc[] = [
  {
    method: "POST",
    path: "/api/v1/auth/token",
    operationId: "issueToken",
    tag: "Authentication",
    summary: "Sign in: email + password → access token + refresh token",
    description:
      "For the mobile app and scripts. A person in several companies picks one with `companyId` (else their first). Brute-force limited per IP and per email.",
    auth: "none",
    body: tokenRequestSchema,
    response: tokenPairSchema,
    errors: ["unauthorized", "forbidden", "service_unavailable"],
  },
  {
    method: "POST",
    path: "/api/v1/auth/refresh",
    operationId: "refreshToken",
    tag: "Authentication",
    summary: "Trade a refresh token for a new pair",
    description: "Refresh tokens are single use and rotate; presenting a used one revokes its whole family (theft detection).",
    auth: "none",
    body: refreshRequestSchema,
    response: tokenPairSchema,
    errors: ["unauthorized"],
  },
];
