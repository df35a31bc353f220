import type { AccessRule } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { readJson } from "@/lib/api/read-json";
import { requirePerson } from "@/lib/api/require-person";
import { ok } from "@/lib/api/respond";
import { reissueSessionCookie } from "@/lib/auth/reissue-session-cookie";
import { actorFromCaller } from "@/lib/services/audit/actor-from-caller";
import { confirmEmailBodySchema, emailConfirmedSchema } from "@/lib/services/settings/schemas";
import { confirmEmailChange } from "@/lib/services/users/confirm-email-change";

const rule = { auth: "required", service: "settings" } as const satisfies AccessRule;

// POST /api/v1/me/email/confirm — the link's token, by the person it was sent for: the new email takes effect (once); every other session ends, this browser's cookie is re-issued
export const POST = defineRoute(rule, async ({ req, caller, requestId }) => {
  const userId = requirePerson(caller);
  const { token } = await readJson(req, confirmEmailBodySchema);
  const { email, generation } = await confirmEmailChange(userId, token, actorFromCaller(caller, requestId));
  const cookie = caller.auth === "session" ? await reissueSessionCookie(req, generation) : null;
  const res = ok(emailConfirmedSchema.parse({ email }), { headers: { "cache-control": "no-store" } });
  if (cookie) res.headers.append("set-cookie", cookie);
  return res;
});
