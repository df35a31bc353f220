import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { rotateRefreshToken } from "@/lib/services/auth/rotate-refresh-token";
import { refreshRequestSchema, tokenPairSchema } from "@/lib/services/auth/schemas";

// POST /api/v1/auth/refresh — trade a refresh token for a new pair; a reused token revokes its family
export const POST = defineRoute({ auth: "none" }, async ({ req, caller, requestId }) => {
  const body = await readJson(req, refreshRequestSchema, 10_000);
  const pair = await rotateRefreshToken({
    refreshToken: body.refreshToken,
    ip: caller?.ip ?? null,
    userAgent: req.headers.get("user-agent"),
    requestId,
  });
  return ok(tokenPairSchema.parse(pair), { headers: { "cache-control": "no-store" } });
});
