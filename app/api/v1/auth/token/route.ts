import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { issueTokens } from "@/lib/services/auth/issue-tokens";
import { tokenPairSchema, tokenRequestSchema } from "@/lib/services/auth/schemas";

// POST /api/v1/auth/token — email + password → access token + refresh token (mobile app, scripts)
export const POST = defineRoute({ auth: "none" }, async ({ req, caller }) => {
  const body = await readJson(req, tokenRequestSchema, 10_000);
  const pair = await issueTokens({ ...body, ip: caller?.ip ?? null, userAgent: req.headers.get("user-agent") });
  return ok(tokenPairSchema.parse(pair), { headers: { "cache-control": "no-store" } });
});
