import { defineRoute } from "@/lib/api/define-route";
import { pingSchema } from "@/lib/services/ping/schemas";

export const dynamic = "force-dynamic";

// GET /api/v1/ping — "does my credential work?": who the gateway says you are, through the full pipeline.
export const GET = defineRoute({ auth: "required" }, async ({ caller }) =>
  pingSchema.parse({
    pong: true,
    auth: caller.auth,
    companyId: caller.cid,
    tier: caller.tier,
    scopes: caller.scopes,
    apiVersion: caller.ver,
  }),
);
