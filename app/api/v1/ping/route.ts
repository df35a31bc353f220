import { defineRoute } from "@/lib/api/define-route";

export const dynamic = "force-dynamic";

// GET /api/v1/ping — "does my credential work?": who the gateway says you are, through the full pipeline.
export const GET = defineRoute({ auth: "required" }, async ({ caller }) => ({
  pong: true,
  auth: caller.auth,
  companyId: caller.cid,
  tier: caller.tier,
  scopes: caller.scopes,
  apiVersion: caller.ver,
}));
