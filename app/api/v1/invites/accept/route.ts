import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { ok } from "@/lib/api/respond";
import { acceptInvite } from "@/lib/services/team/accept-invite";
import { acceptedInviteSchema, acceptInviteRequestSchema } from "@/lib/services/team/schemas";

// POST /api/v1/invites/accept — anyone with the token joins (signed out: a new account, or an existing one's password)
export const POST = defineRoute({ auth: "none", service: "team" }, async ({ req, caller, requestId }) => {
  const body = await readJson(req, acceptInviteRequestSchema, 10_000);
  const joined = await acceptInvite({
    ...body,
    callerUserId: caller && caller.auth !== "api_key" ? caller.uid : null,
    ip: caller?.ip ?? null,
    requestId,
  });
  return ok(acceptedInviteSchema.parse(joined), { headers: { "cache-control": "no-store" } });
});
